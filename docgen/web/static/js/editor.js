// The plan editor page: builds the form over the plan JSON, keeps the
// preview and the field errors up to date, autosaves, and runs the
// toolbar's download, export and import (and, for a logged-in drafter,
// saving as a draft on the server: drafts.js).

import { errorsOf, filenameOf, postFile, postJSON, saveBlob } from "./api.js";
import { autosaver, readDraft } from "./autosave.js";
import { draftTools } from "./drafts.js";
import { checker } from "./checks.js";
import { focusField, reapplyErrors, showErrors } from "./errors.js";
import { buildForm, normalisePlan } from "./form.js";
import { previewer } from "./preview.js";
import { grow } from "./fields.js";
import { debounce, store } from "./store.js";

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

const saver = autosaver({ status: $("save-status"), source: document.body.dataset.source });
const drafts = draftTools({
  status: actionStatus,
  onInvalid: (errors) => {
    setErrors(errors);
    if (errors.length) focusField(form, errors[0].path);
  },
  onSaved: (data) => saver.setSource(`Dự thảo số ${data.id}: ${data.title}`),
});
const preview = previewer({ container: $("preview"), status: $("preview-status"), onErrors: setErrors });
const checks = checker({ form, panel: $("check-panel"), badge: $("check-badge") });

store.listen((change) => {
  if (change.structural) {
    reapplyErrors(form, summary);
    checks.reapply();
  }
  saver.save();
  preview.schedule();
  checks.schedule();
});

// --- restoring an autosaved draft ------------------------------------------------

function offerDraft() {
  const draft = readDraft();
  if (!draft || JSON.stringify(draft.plan) === JSON.stringify(store.plan)) return;
  // A server draft opened for editing is offered only its own unsaved edits.
  if (drafts && drafts.draftId && !(draft.source || "").startsWith(`Dự thảo số ${drafts.draftId}:`)) return;
  const notice = $("restore-notice");
  const when = new Date(draft.savedAt);
  $("restore-when").textContent = Number.isNaN(when.getTime())
    ? "" : `${when.toLocaleTimeString("vi-VN")} ngày ${when.toLocaleDateString("vi-VN")}`;
  $("restore-source").textContent = draft.source || "";
  notice.hidden = false;
  saver.pause();
  $("restore-yes").addEventListener("click", () => {
    notice.hidden = true;
    load(draft.plan);
    saver.setSource(draft.source || document.body.dataset.source);
    saver.resume();
    setErrors([]);
    preview.now();
    checks.now();
    actionStatus.textContent = "Đã khôi phục bản nháp.";
  }, { once: true });
  $("restore-no").addEventListener("click", () => {
    notice.hidden = true;
    saver.discard();
    saver.resume();
    actionStatus.textContent = "Đã bỏ bản nháp cũ.";
  }, { once: true });
}

// --- toolbar -------------------------------------------------------------------

async function withErrors(response, what) {
  const errors = await errorsOf(response);
  if (response.status === 422) {
    setErrors(errors);
    actionStatus.textContent = `Chưa ${what} được: kế hoạch còn ${errors.length} lỗi, xem các ô được đánh dấu.`;
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
    const name = filenameOf(response, "ke-hoach.docx");
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
    const name = filenameOf(response, `ke-hoach.${format}`);
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
    + "Kế hoạch đang soạn vẫn giữ nguyên.";
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
    load(data.plan);
    saver.setSource(`Tệp ${file.name}`);
    setErrors(data.errors);
    store.changed({ structural: true });
    actionStatus.textContent = data.errors.length
      ? `Đã mở ${file.name}; còn ${data.errors.length} lỗi cần sửa.` : `Đã mở ${file.name}.`;
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

// Narrow screens show the form or the preview, one at a time.
for (const tab of document.querySelectorAll("[data-view]")) {
  tab.addEventListener("click", () => {
    document.body.dataset.view = tab.dataset.view;
    for (const other of document.querySelectorAll("[data-view]")) {
      other.setAttribute("aria-selected", String(other === tab));
    }
  });
}

// Text areas fit their text again when the window changes width.
window.addEventListener("resize", debounce(() => form.querySelectorAll("textarea").forEach(grow), 200));

offerDraft();
preview.now();
checks.now();
