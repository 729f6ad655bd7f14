// Field errors from the API ({path, message}) shown beside the inputs they
// concern, and as a summary whose entries jump to the field. A path is
// matched to the nearest element that has it: "sections.0.blocks.2.text" to
// its textarea, "campaign" (end before start) to the campaign group.
// Shown again after every validation pass and every rebuild of the form,
// they are said (#error-announcer, a status region) only when the set of
// errors changes: once when they appear, not on every pass.

import { clear, h, say } from "./dom.js";
import { docName } from "./vocabulary.js";

let current = [];
let announced = [];  // the errors last said, as keys

const formOf = (element) => element.closest("form") || document;

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

// A note about a cell of an appendix's grid goes under the grid, named by
// its cell ("Chỉ tiêu, dòng 3: …"): inside a cell 80 px wide one warning
// made its row 400 px tall. Returns whether it was placed so.
export function placeUnderGrid(element, note) {
  const table = element.closest("table.grid");
  const scroll = table?.closest(".grid-scroll");
  if (!scroll) return false;
  let notes = scroll.nextElementSibling;
  if (!notes?.classList.contains("grid-notes")) {
    notes = h("div", { class: "grid-notes" });
    scroll.after(notes);
  }
  const row = element.closest("tr[data-path]");
  const where = element.getAttribute("aria-label")
    || (row ? `Dòng ${Number(row.dataset.path.split(".").pop()) + 1}` : "");
  if (where) note.prepend(h("span", { class: "note-where", text: `${where}: ` }));
  if (element.dataset.path) note.dataset.for = element.dataset.path;
  notes.append(note);
  return true;
}

function placeBeside(element, message) {
  // Read with its field (aria-describedby); said once by announce().
  const note = h("p", { class: "field-error", text: message });
  if (element.matches("input, textarea, select")) {
    element.classList.add("invalid");
    element.setAttribute("aria-invalid", "true");
    const field = element.closest(".field, td") || element.parentElement;
    if (!placeUnderGrid(element, note)) field.append(note);
    note.id = `${element.id || element.dataset.path?.replace(/\W/g, "-") || "e"}-error-${
      formOf(element).querySelectorAll(".field-error").length}`;
    element.setAttribute("aria-describedby", note.id);
  } else if (placeUnderGrid(element, note)) {
    element.classList.add("has-error");
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
  const said = [];
  for (const error of current) {
    const element = target(form, error.path);
    if (element) placeBeside(element, error.message);
    const where = describe(element, error);
    said.push([keyOf(error), `${where}: ${error.message}`]);
    list.append(h("li", {},
      h("button", { type: "button", class: "link", text: where,
        onclick: () => focusField(form, error.path) }),
      `: ${error.message}`));
  }
  summary.hidden = current.length === 0;
  summary.querySelector(".count").textContent = String(current.length);
  announce(said);
}

const keyOf = (error) => `${error.path || ""}\u0000${error.message}`;

// Said when the set of errors changes: how many remain and the new ones.
function announce(said) {
  const keys = said.map(([key]) => key).sort();
  if (keys.length === announced.length && keys.every((key, i) => key === announced[i])) return;
  const fresh = said.filter(([key]) => !announced.includes(key)).map(([, text]) => text);
  const before = announced.length;
  announced = keys;
  const region = document.getElementById("error-announcer");
  if (!keys.length) {
    say(region, before ? "Đã sửa hết lỗi nhập liệu." : "");
    return;
  }
  const shown = fresh.slice(0, 3).join("; ") + (fresh.length > 3 ? "; …" : "");
  say(region, `${docName()} còn ${keys.length} lỗi${shown ? `: ${shown}` : ""}.`);
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
