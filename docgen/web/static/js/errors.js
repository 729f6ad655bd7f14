// Field errors from the API ({path, message}) shown beside the inputs they
// concern, and as a summary whose entries jump to the field. A path is
// matched to the nearest element that has it: "sections.0.blocks.2.text" to
// its textarea, "campaign" (end before start) to the campaign group.

import { clear, h } from "./dom.js";
import { docName } from "./vocabulary.js";

let current = [];

export function target(form, path) {
  const parts = path ? path.split(".") : [];
  while (parts.length) {
    const key = parts.join(".");
    const found = form.querySelector(`[data-path="${CSS.escape(key)}"]`);
    if (found) return found;
    parts.pop();
  }
  return null;
}

function placeBeside(element, message) {
  const note = h("p", { class: "field-error", role: "alert", text: message });
  if (element.matches("input, textarea, select")) {
    element.classList.add("invalid");
    element.setAttribute("aria-invalid", "true");
    const field = element.closest(".field, td") || element.parentElement;
    field.append(note);
    note.id = `${element.id || "e"}-error-${field.querySelectorAll(".field-error").length}`;
    element.setAttribute("aria-describedby", note.id);
  } else {
    const legend = element.querySelector(":scope > legend, :scope > .item-tools, :scope > h3");
    if (legend) legend.after(note); else element.prepend(note);
    element.classList.add("has-error");
  }
}

// What the clerk calls the field: the label the server gives (the form's
// labels, docgen/plan/labels.py), else the label or title shown on the form;
// never the path.
function describe(element, error) {
  if (error.label) return error.label;
  if (!error.path) return docName();
  if (element) {
    const label = element.id && element.ownerDocument.querySelector(`label[for="${CSS.escape(element.id)}"]`);
    const title = label || element.querySelector?.(":scope > legend, :scope > .item-tools > .item-title, :scope > h3");
    if (title && title.textContent.trim()) return title.textContent.trim();
  }
  return docName();
}

export function showErrors(form, summary, errors) {
  current = errors || [];
  form.querySelectorAll(".field-error").forEach((node) => node.remove());
  form.querySelectorAll(".invalid").forEach((node) => {
    node.classList.remove("invalid");
    node.removeAttribute("aria-invalid");
    node.removeAttribute("aria-describedby");
  });
  form.querySelectorAll(".has-error").forEach((node) => node.classList.remove("has-error"));

  const list = summary.querySelector("ul");
  clear(list);
  for (const error of current) {
    const element = target(form, error.path);
    if (element) placeBeside(element, error.message);
    const where = describe(element, error);
    list.append(h("li", {},
      h("button", { type: "button", class: "link", text: where,
        onclick: () => focusField(form, error.path) }),
      `: ${error.message}`));
  }
  summary.hidden = current.length === 0;
  summary.querySelector(".count").textContent = String(current.length);
}

export function reapplyErrors(form, summary) {
  showErrors(form, summary, current);
}

export function focusField(form, path) {
  const element = target(form, path);
  if (!element) return;
  const focusable = element.matches("input, textarea, select")
    ? element : element.querySelector("input, textarea, select");
  element.scrollIntoView({ block: "center" });
  focusable?.focus({ preventScroll: true });
}

export function currentErrors() {
  return current;
}
