// Saving the plan on the server as a draft (logged-in drafters only; the
// toolbar's #draft-tools is absent otherwise). The first save creates the
// draft; every later one sends the version it started from, so a save over
// someone else's newer version is refused (409) instead of overwriting it.
// On a conflict the form keeps the clerk's text: the server also kept it, as
// a separate "conflict copy" version.

import { errorsOf, postJSON } from "./api.js";
import { sameContent } from "./autosave.js";
import { store } from "./store.js";
import { docNoun } from "./vocabulary.js";

const $ = (id) => document.getElementById(id);

export function draftTools({ status, onInvalid, onSaved }) {
  const tools = $("draft-tools");
  if (!tools) return null;
  const notice = $("draft-notice");
  const submitForm = $("submit-form");
  const link = $("draft-link");
  let draftId = Number(document.body.dataset.draftId) || null;
  let baseVersion = Number(document.body.dataset.baseVersion) || null;
  let savedText = draftId ? JSON.stringify(store.plan) : null;
  // What a plan never saved started as (typing nothing into it is nothing to save).
  const opened = structuredClone(store.plan);
  let busy = false;
  let leaving = false;  // the submit form saves first, then goes

  const say = (text) => { status.textContent = text; };
  const warn = (text) => {
    notice.textContent = text;
    notice.hidden = !text;
  };

  function becomeDraft(data) {
    draftId = data.id;
    document.body.dataset.draftId = String(data.id);
    submitForm.action = data.submit_url;
    submitForm.hidden = false;
    link.href = data.url;
    link.hidden = false;
    // A reload opens this draft again rather than the sample or blank plan.
    history.replaceState(null, "", data.edit_url);
  }

  async function save() {
    if (busy) return false;
    busy = true;
    const text = JSON.stringify(store.plan);
    say("Đang lưu bản nháp…");
    try {
      const response = draftId
        ? await postJSON(`/api/drafts/${draftId}/versions`, { plan: store.plan, base_version: baseVersion })
        : await postJSON("/api/drafts", { plan: store.plan });
      if (response.status === 201) {
        const data = await response.json();
        if (!draftId) becomeDraft(data);
        baseVersion = data.version;
        document.body.dataset.baseVersion = String(data.version);
        savedText = text;
        warn("");
        say(`Đã lưu phiên bản ${data.version} (dự thảo số ${data.id}).`);
        onSaved(data);
        return true;
      }
      if (response.status === 409) {
        const data = await response.json();
        const errors = Array.isArray(data.errors) ? data.errors : [];
        if (data.latest) {
          // The next save goes on top of the newest version, on purpose.
          baseVersion = data.latest.version;
          document.body.dataset.baseVersion = String(baseVersion);
          warn(`${errors.map((e) => e.message).join(" ")} Nội dung trong khung soạn thảo vẫn là bản của bạn; `
            + `bấm “Lưu bản nháp” lần nữa để lưu nó thành phiên bản mới nhất.`);
          say(`Chưa lưu: xung đột với phiên bản ${data.latest.version}; bản của bạn đã giữ thành phiên bản ${data.copy.version}.`);
        } else {
          warn(errors.map((e) => e.message).join(" "));
          say("Chưa lưu được bản nháp.");
        }
        return false;
      }
      const errors = await errorsOf(response);
      if (response.status === 422) {
        onInvalid(errors);
        say(`Chưa lưu được: ${docNoun()} còn ${errors.length} lỗi, xem các ô được đánh dấu.`);
      } else if (response.status === 401) {
        say("Phiên đăng nhập đã hết: hãy đăng nhập lại ở thẻ khác rồi bấm Lưu lần nữa; nội dung vẫn còn trên máy này.");
      } else {
        say("Chưa lưu được: " + errors.map((e) => e.message).join(" "));
      }
      return false;
    } catch (_) {
      say("Không kết nối được máy chủ; nội dung vẫn được lưu tạm trên máy này. Hãy thử lại.");
      return false;
    } finally {
      busy = false;
    }
  }

  $("save-draft").addEventListener("click", save);
  // Submitting sends the saved head version: save what is on screen first.
  submitForm.addEventListener("submit", async (event) => {
    if (savedText === JSON.stringify(store.plan)) return;
    event.preventDefault();
    if (await save()) {
      leaving = true;
      submitForm.submit();
    }
  });
  submitForm.addEventListener("submit", (event) => { if (!event.defaultPrevented) leaving = true; });

  // What is on screen differs from what the server keeps (or, never saved,
  // has content): leaving the page asks first. The browser keeps the
  // typing too (autosave.js), but the draft page and "Trình ký" only know
  // the saved version.
  const unsaved = () => !sameContent(store.plan, savedText ? JSON.parse(savedText) : opened);
  window.addEventListener("beforeunload", (event) => {
    if (leaving || busy || !unsaved()) return;
    event.preventDefault();
    event.returnValue = "";
  });

  return {
    get draftId() { return draftId; },
    unsaved,
    // Edits restored from the browser were made over this version: a save
    // over someone's newer one is then a conflict, not a silent overwrite.
    rebase(version) {
      if (!version) return;
      baseVersion = version;
      document.body.dataset.baseVersion = String(version);
    },
  };
}
