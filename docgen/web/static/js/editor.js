// The plan editor page: builds the form over the plan JSON, keeps the
// preview and the field errors up to date, autosaves, and runs the
// toolbar's download, export and import (and, for a logged-in drafter,
// saving as a draft on the server: drafts.js).

import { errorsOf, filenameOf, postFile, postJSON, saveBlob } from "./api.js";
import { autosaver, findDraft, listDrafts, sameContent } from "./autosave.js";
import { draftTools } from "./drafts.js";
import { checker } from "./checks.js";
import { focusField, reapplyErrors, showErrors } from "./errors.js";
import { buildForm, normalisePlan } from "./form.js";
import { importNotes } from "./imports.js";
import { noticer } from "./notices.js";
import { previewer } from "./preview.js";
import { continueUrl, draftFromHash, offerDrafts, savedWhen } from "./restore.js";
import { grow } from "./fields.js";
import { debounce, store } from "./store.js";
import { docName, docNoun } from "./vocabulary.js";

const $ = (id) => document.getElementById(id);
const form = $("plan-form");
const summary = $("error-summary");
const actionStatus = $("action-status");

const readJSON = (id) => JSON.parse($(id).textContent);
const setErrors = (errors) => showErrors(form, summary, errors);

function load(plan) {
  store.plan = normalisePlan(structuredClone(plan));
  buildForm(form);
}

load(readJSON("plan-data"));
setErrors(readJSON("plan-errors"));

const saver = autosaver({ status: $("save-status"), source: document.body.dataset.source, baseline: store.plan });
const drafts = draftTools({
  status: actionStatus,
  onInvalid: (errors) => {
    setErrors(errors);
    if (errors.length) focusField(form, errors[0].path);
  },
  onSaved: (data) => {
    saver.setSource(`Dự thảo số ${data.id}: ${data.title}`);
    saver.setBaseline(store.plan);  // kept on the server now
  },
});
const preview = previewer({ container: $("preview"), status: $("preview-status"), onErrors: setErrors });
const notices = noticer(form);
const checks = checker({ form, panel: $("check-panel"), badge: $("check-badge") });
const imports = importNotes({ form, panel: $("import-panel") });
imports.show(readJSON("import-warnings"), $("import-summary").textContent.trim());

store.listen((change) => {
  if (change.structural) {
    reapplyErrors(form, summary);
    checks.reapply();
    imports.reapply();
  }
  saver.save();
  preview.schedule();
  checks.schedule();
});

// --- unfinished drafts in this browser ------------------------------------------

// Offered only where no plan was chosen: the blank plan, and a stored draft
// (its own unsaved edits). A sample or a file opened is never covered by an
// older draft; those drafts are listed on the start page.
function offerable(draft) {
  if (sameContent(draft.plan, store.plan)) return false;
  const opened = document.body.dataset.opened;
  if (opened === "draft") {
    return draft.draftId === drafts?.draftId
      || (draft.source || "").startsWith(`Dự thảo số ${drafts?.draftId}:`);
  }
  return opened === "blank";
}

function showSource(source) {
  const shown = document.querySelector(".topbar .source");
  if (shown && source) {
    shown.textContent = source;
    shown.title = source;
  }
}

function restore(draft, message, own = false) {
  saver.flush();
  load(draft.plan);
  if (drafts?.draftId && draft.draftId === drafts.draftId) drafts.rebase(draft.baseVersion);
  if (own) saver.resume(draft);
  else saver.takeOver(draft);
  showSource(draft.source);
  setErrors([]);
  imports.show([], "");
  preview.now();
  notices.now();
  checks.now();
  actionStatus.textContent = message;
}

function restoreDrafts() {
  const wanted = draftFromHash();
  if (wanted) history.replaceState(null, "", location.pathname + location.search);
  const chosen = wanted ? findDraft(wanted) : saver.ownDraft();
  if (chosen) {
    restore(chosen, wanted ? "Đã mở bản nháp lưu trên máy này."
      : `Đã khôi phục nội dung đang soạn (lưu tạm lúc ${savedWhen(chosen)}).`, !wanted);
  } else if (wanted) {
    actionStatus.textContent = "Bản nháp này không còn trên máy này (có thể đã được bỏ đi).";
  }
  return offerDrafts({
    notice: $("restore-notice"),
    drafts: listDrafts().filter((draft) => draft.id !== saver.id && offerable(draft)),
    onRestore: (draft) => {
      // A stored draft's edits go on in its own editor, so that saving
      // makes a version of that draft.
      if (draft.draftId && draft.draftId !== drafts?.draftId) {
        saver.flush();
        location.assign(continueUrl(draft));
        return;
      }
      const typed = findDraft(saver.id);
      restore(draft, typed ? "Đã khôi phục bản nháp. Nội dung vừa soạn trước đó vẫn được giữ "
        + "(danh sách “Bản nháp chưa xong” ở trang đầu)." : "Đã khôi phục bản nháp.");
    },
    onDrop: () => { actionStatus.textContent = "Đã bỏ bản nháp cũ."; },
  });
}

// --- toolbar -------------------------------------------------------------------

async function withErrors(response, what) {
  const errors = await errorsOf(response);
  if (response.status === 422) {
    setErrors(errors);
    actionStatus.textContent = `Chưa ${what} được: ${docNoun()} còn ${errors.length} lỗi, xem các ô được đánh dấu.`;
    if (errors.length) focusField(form, errors[0].path);
  } else {
    actionStatus.textContent = `Chưa ${what} được: ` + errors.map((e) => e.message).join(" ");
  }
}

async function download() {
  actionStatus.textContent = "Đang tạo tệp .docx…";
  try {
    const response = await postJSON("/api/render", store.plan);
    if (!response.ok) return withErrors(response, "tải về");
    const name = filenameOf(response, "van-ban.docx");
    saveBlob(await response.blob(), name);
    actionStatus.textContent = `Đã tải về ${name}.`;
  } catch (_) {
    actionStatus.textContent = "Không kết nối được máy chủ. Nội dung vẫn được lưu tạm; hãy thử lại.";
  }
}

async function exportPlan(format) {
  try {
    const response = await postJSON(`/api/export?format=${format}`, store.plan);
    if (!response.ok) return withErrors(response, "xuất tệp");
    const name = filenameOf(response, `van-ban.${format}`);
    saveBlob(await response.blob(), name);
    actionStatus.textContent = response.headers.get("X-Plan-Valid") === "false"
      ? `Đã xuất ${name} (bản nháp, còn lỗi).` : `Đã xuất ${name}.`;
  } catch (_) {
    actionStatus.textContent = "Không kết nối được máy chủ; hãy thử lại.";
  }
}

// A file that cannot be opened: said at the top, next to "Mở tệp…", where
// the clerk is looking (scrolled into view and focused); the plan being
// edited and its field errors stay as they were.
const openError = $("open-error");

function showOpenError(name, messages) {
  const said = messages.join(" ").trim();
  $("open-error-text").textContent = `Không mở được tệp “${name}”: ${said}${/[.!?…]$/.test(said) ? "" : "."} `
    + `${docName()} đang soạn vẫn giữ nguyên.`;
  openError.hidden = false;
  openError.scrollIntoView({ block: "nearest" });
  openError.focus();
  actionStatus.textContent = `Không mở được tệp “${name}”.`;
}

$("open-error-close").addEventListener("click", () => {
  openError.hidden = true;
  $("import-file").focus();
});

async function importPlan(file) {
  openError.hidden = true;
  try {
    const response = await postFile("/api/import", file);
    if (!response.ok) {
      return showOpenError(file.name, (await errorsOf(response)).map((e) => e.message));
    }
    const data = await response.json();
    saver.flush();
    load(data.plan);
    offer.withdraw();
    // The plan typed before stays in its own draft; this file starts a new one.
    saver.startOver({ source: `Tệp ${file.name}`, baseline: store.plan });
    showSource(`Tệp ${file.name}`);
    setErrors(data.errors);
    imports.show(data.warnings, data.summary);
    store.changed({ structural: true });
    actionStatus.textContent = [data.summary || `Đã mở ${file.name}`,
      data.errors.length ? `còn ${data.errors.length} lỗi cần sửa` : ""].filter(Boolean).join("; ") + ".";
  } catch (_) {
    showOpenError(file.name, ["không gửi được tệp lên máy chủ; hãy thử lại."]);
  }
}

$("download-docx").addEventListener("click", download);
$("export-json").addEventListener("click", () => exportPlan("json"));
$("export-yaml").addEventListener("click", () => exportPlan("yaml"));
$("import-file").addEventListener("change", (event) => {
  const file = event.target.files[0];
  if (file) importPlan(file);
  event.target.value = "";
});
form.addEventListener("submit", (event) => event.preventDefault());

// Narrow screens show the form or the preview, one at a time: two tabs,
// chosen by a click or, as tabs are, by the arrow keys (Home, End too).
const tabs = [...document.querySelectorAll('.view-tabs [role="tab"]')];

function chooseTab(tab, focus = false) {
  document.body.dataset.view = tab.dataset.view;
  for (const other of tabs) {
    other.setAttribute("aria-selected", String(other === tab));
    other.tabIndex = other === tab ? 0 : -1;
  }
  if (focus) tab.focus();
}

for (const tab of tabs) {
  tab.addEventListener("click", () => chooseTab(tab));
  tab.addEventListener("keydown", (event) => {
    const at = tabs.indexOf(tab);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    chooseTab(tabs[(next + tabs.length) % tabs.length], true);
  });
}

// The skip link goes to the form: on a narrow screen, its tab.
document.querySelector(".skip-link")?.addEventListener("click", () => chooseTab(tabs[0]));

// Text areas fit their text again when the window changes width.
window.addEventListener("resize", debounce(() => form.querySelectorAll("textarea").forEach(grow), 200));

const offer = restoreDrafts();
preview.now();
notices.now();
checks.now();
