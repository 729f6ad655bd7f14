// Notices beside the fields: what the server's plan model does with what
// was typed without it being an error, e.g. a "1." typed before a heading
// that the document numbers itself, so it is not printed twice. The rules
// live on the server (docgen/vietnamese/typed_labels.py); POST /api/validate answers
// {errors, notices: [{path, message, value, level}]}. The field keeps the
// text as typed; "Xóa khỏi ô" puts the server's value in it.

import { postJSON } from "./api.js";
import { h } from "./dom.js";
import { debounce, store } from "./store.js";

function place(form, notice) {
  const input = form.querySelector(`[data-path="${CSS.escape(notice.path)}"]`);
  if (!input || !input.matches("input, textarea")) return;
  const field = input.closest(".field") || input.parentElement;
  const remove = h("button", {
    type: "button", class: "link", "data-action": "apply-notice", text: "Xóa khỏi ô",
    onclick: () => {
      input.value = notice.value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.focus();
    },
  });
  field.append(h("p", { class: "hint field-notice", "data-notice-for": notice.path },
    h("span", { "aria-hidden": "true", text: "ℹ " }), `${notice.message}. `, remove));
}

export function noticer(form) {
  let controller = null;
  let shown = "[]";

  function show(notices) {
    // The same notices after another pass stay as they are (unless the
    // form was rebuilt under them).
    const text = JSON.stringify(notices);
    if (text === shown && form.querySelectorAll(".field-notice").length === notices.length) return;
    shown = text;
    form.querySelectorAll(".field-notice").forEach((node) => node.remove());
    for (const notice of notices) place(form, notice);
  }

  async function update() {
    controller?.abort();
    controller = new AbortController();
    try {
      const response = await postJSON("/api/validate", store.plan, controller.signal);
      if (!response.ok) return;
      const data = await response.json();
      show(Array.isArray(data.notices) ? data.notices : []);
    } catch (_) {
      // Offline or aborted: the previous notices stay until the next answer.
    }
  }

  const schedule = debounce(update, 450);
  store.listen(() => schedule());
  return { schedule, now: update };
}
