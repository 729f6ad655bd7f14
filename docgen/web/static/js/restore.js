// The offer of unfinished drafts kept in this browser (autosave.js): in the
// editor's "Có bản nháp chưa xong" notice and on the start page. Each draft
// is restored or dropped on its own; nothing is dropped without a click.

import { vietnamTime } from "./dates.js";
import { h } from "./dom.js";
import { listDrafts, removeDraft } from "./autosave.js";

export function savedWhen(draft) {
  return vietnamTime(draft.savedAt);
}

// Where a draft is continued: its stored draft's editor, its sample, else
// the blank editor; the draft itself is named after "#ban-nhap=".
export function continueUrl(draft) {
  const url = typeof draft.url === "string" ? draft.url : "";
  const page = /^\/(drafts\/\d+\/edit|plan\/sample\/[\w-]+)$/.test(url) ? url : "/plan/new";
  return `${page}#ban-nhap=${encodeURIComponent(draft.id)}`;
}

export function draftFromHash() {
  const match = /^#ban-nhap=(.+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

function draftItem(draft, { first, onRestore, onDrop }) {
  const restore = h("button", { type: "button", class: "button primary", "data-action": "restore",
    id: first ? "restore-yes" : null, text: "Khôi phục" });
  const drop = h("button", { type: "button", class: "button", "data-action": "drop",
    id: first ? "restore-no" : null, text: "Bỏ bản nháp" });
  const subject = typeof draft.plan.subject === "string" && draft.plan.subject.trim();
  const item = h("li", { class: "restore-item", "data-draft": draft.id },
    h("span", { class: "restore-what" },
      h("span", { class: "restore-subject", text: subject || "(chưa có trích yếu)" }),
      h("span", { class: "restore-meta" }, "Lưu lúc ", h("span", { class: "restore-when", text: savedWhen(draft) }),
        draft.source ? [" · ", h("span", { class: "restore-source", text: draft.source })] : null)),
    h("span", { class: "restore-actions" }, restore, " ", drop));
  restore.addEventListener("click", () => onRestore(draft, item));
  drop.addEventListener("click", () => onDrop(draft, item));
  return item;
}

// The editor's notice over the drafts that may be offered on this page.
export function offerDrafts({ notice, drafts, onRestore, onDrop }) {
  const list = notice.querySelector(".restore-list");
  list.replaceChildren();
  const hideIfEmpty = () => { notice.hidden = list.children.length === 0; };
  drafts.forEach((draft, index) => list.append(draftItem(draft, {
    first: index === 0,
    onRestore: (chosen) => { list.replaceChildren(); hideIfEmpty(); onRestore(chosen); },
    onDrop: (chosen, item) => { removeDraft(chosen.id); item.remove(); hideIfEmpty(); onDrop(chosen); },
  })));
  hideIfEmpty();
  return {
    // Another plan was opened: the offer goes, the drafts stay.
    withdraw() { list.replaceChildren(); hideIfEmpty(); },
  };
}

// The start page: every unfinished draft, with a link to go on with it.
export function listOnStartPage(card) {
  const list = card.querySelector(".restore-list");
  const fill = () => {
    const drafts = listDrafts();
    list.replaceChildren(...drafts.map((draft, index) => {
      const item = draftItem(draft, { first: index === 0, onRestore: () => {}, onDrop: () => {} });
      const link = h("a", { class: "button primary", href: continueUrl(draft), "data-action": "restore",
        text: "Soạn tiếp" });
      item.querySelector("[data-action=restore]").replaceWith(link);
      item.querySelector("[data-action=drop]").addEventListener("click", () => { removeDraft(draft.id); fill(); });
      return item;
    }));
    card.hidden = drafts.length === 0;
  };
  fill();
}
