// Nothing typed is lost: the plan is saved in this browser (localStorage) a
// moment after every change the clerk makes. Each opening of the editor
// writes its own draft; a draft is never overwritten by another one:
//
//   docgen.draft.v1        the newest draft {id, plan, source, url, draftId, baseVersion, savedAt}
//   docgen.draft.v1.aside  the other unfinished drafts, newest first
//
// Writing a draft moves the newest one aside when it belongs to another
// opening, so typing under the "Có bản nháp chưa xong" offer keeps both.
// A plan with nothing typed into it (its content equal to what was opened)
// is not saved. A reload of the same page in the same tab brings its own
// draft back at once (sessionStorage remembers which draft that tab wrote).

import { vietnamTime } from "./dates.js";
import { say } from "./dom.js";
import { debounce, store } from "./store.js";

export const DRAFT_KEY = "docgen.draft.v1";
export const ASIDE_KEY = "docgen.draft.v1.aside";
const PAGE_KEY = "docgen.editor.page";
// Unfinished drafts kept besides the newest; the oldest beyond this go.
const MAX_ASIDE = 12;

function parse(text) {
  try {
    return JSON.parse(text || "null");
  } catch (_) {
    return null;
  }
}

function valid(draft) {
  if (!draft || typeof draft !== "object" || !draft.plan || typeof draft.plan !== "object") return null;
  // Drafts written before drafts had ids keep a stable one.
  if (!draft.id) draft.id = `cu-${draft.savedAt || "0"}`;
  return draft;
}

function newest() {
  return valid(parse(localStorage.getItem(DRAFT_KEY)));
}

function aside() {
  const list = parse(localStorage.getItem(ASIDE_KEY));
  return Array.isArray(list) ? list.map(valid).filter(Boolean) : [];
}

// Every unfinished draft in this browser, newest first.
export function listDrafts() {
  let first = null;
  try {
    first = newest();
    return [first, ...aside().filter((d) => d.id !== first?.id)].filter(Boolean);
  } catch (_) {
    return first ? [first] : [];  // storage blocked
  }
}

export function findDraft(id) {
  return listDrafts().find((draft) => draft.id === id) || null;
}

export function removeDraft(id) {
  const current = newest();
  const others = aside().filter((d) => d.id !== id);
  if (current && current.id === id) {
    const [next, ...rest] = others;
    if (next) localStorage.setItem(DRAFT_KEY, JSON.stringify(next));
    else localStorage.removeItem(DRAFT_KEY);
    localStorage.setItem(ASIDE_KEY, JSON.stringify(rest));
  } else {
    localStorage.setItem(ASIDE_KEY, JSON.stringify(others));
  }
}

function writeDraft(draft) {
  const current = newest();
  let others = aside().filter((d) => d.id !== draft.id);
  if (current && current.id !== draft.id) others.unshift(current);
  others = others.slice(0, MAX_ASIDE);
  // The list first: if storage is full, the newest draft is left as it was.
  localStorage.setItem(ASIDE_KEY, JSON.stringify(others));
  localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
}

// What the clerk wrote, ignoring blanks: a field typed into and emptied
// again, or an empty line added, is not content.
function content(value) {
  if (Array.isArray(value)) return value.map(content).filter((v) => v !== undefined);
  if (value && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value).sort()) {
      const inner = content(value[key]);
      if (inner !== undefined && !(typeof inner === "object" && Object.keys(inner).length === 0)) out[key] = inner;
    }
    return out;
  }
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" && value.trim() === "") return undefined;
  return value;
}

export function sameContent(a, b) {
  return JSON.stringify(content(a)) === JSON.stringify(content(b));
}

function newId() {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function here() {
  return location.pathname + location.search;
}

function navigationType() {
  const entry = performance.getEntriesByType?.("navigation")?.[0];
  return entry ? entry.type : "navigate";
}

// baseline: the plan as opened (typing nothing into it saves nothing).
export function autosaver({ status, source, baseline }) {
  let id = newId();
  let currentSource = source;
  let opened = structuredClone(baseline);

  const remember = () => {
    try {
      sessionStorage.setItem(PAGE_KEY, JSON.stringify({ url: here(), id }));
    } catch (_) { /* a private window: reloads are offered instead */ }
  };

  // True when the plan is kept (or there is nothing in it to keep).
  const saveNow = () => {
    try {
      if (sameContent(store.plan, opened)) {
        if (findDraft(id)) removeDraft(id);
        say(status, "");
        return true;
      }
      writeDraft({
        id, plan: store.plan, source: currentSource, url: here(),
        draftId: Number(document.body.dataset.draftId) || undefined,
        baseVersion: Number(document.body.dataset.baseVersion) || undefined, savedAt: new Date().toISOString(),
      });
      remember();
      say(status, `Đã lưu tạm trên máy này lúc ${vietnamTime(new Date())}.`);
      return true;
    } catch (_) {
      say(status, "Không lưu tạm được (bộ nhớ trình duyệt đầy hoặc bị chặn): hãy Xuất JSON để giữ bản này.");
      return false;
    }
  };

  // The last keystrokes before the tab closes or reloads are not left to
  // the debounce.
  let pending = false;
  const later = debounce(() => { if (pending) flush(); }, 300);
  function flush() {
    pending = false;
    return saveNow();
  }
  const flushIfPending = () => { if (pending) flush(); };
  window.addEventListener("pagehide", flushIfPending);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flushIfPending();
  });

  return {
    get id() { return id; },
    save() { pending = true; later(); },
    // Before another plan replaces the one on screen.
    flush: flushIfPending,
    setSource(next) { currentSource = next; },
    // The plan now equals what the server keeps (a draft saved there).
    setBaseline(plan) { opened = structuredClone(plan); flush(); },
    // This page's own draft before a reload of this tab, if there is one.
    ownDraft() {
      if (navigationType() !== "reload") return null;
      try {
        const page = JSON.parse(sessionStorage.getItem(PAGE_KEY) || "null");
        return page && page.url === here() ? findDraft(page.id) : null;
      } catch (_) {
        return null;
      }
    },
    // Go on writing into this tab's own draft after a reload.
    resume(draft) {
      id = draft.id;
      if (draft.source) currentSource = draft.source;
      remember();
    },
    // A draft restored (it may still be open in another tab): this page
    // goes on in a copy of it, and the original goes once the copy is kept,
    // so that two tabs never write into one draft. The draft this page
    // wrote until now, if any, stays as it is.
    takeOver(draft) {
      id = newId();
      if (draft.source) currentSource = draft.source;
      if (flush()) removeDraft(draft.id);
    },
    // Another plan replaces the one on screen (a file opened): a new draft.
    startOver({ source: nextSource, baseline: plan }) {
      id = newId();
      currentSource = nextSource;
      opened = structuredClone(plan);
    },
  };
}
