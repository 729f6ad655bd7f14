// Form widgets bound to a path of the plan JSON. Every input carries
// data-path (e.g. "header.date.month") so that the API's field errors can
// be shown beside it (errors.js).

import { clear, fieldId, h } from "./dom.js";
import { pathKey } from "./paths.js";
import { store } from "./store.js";

function wrapper(path, label, input, hint, extraClass = "") {
  return h("div", { class: `field ${extraClass}`.trim(), "data-field": pathKey(path) },
    h("label", { for: fieldId(path), text: label }),
    input,
    hint ? h("p", { class: "hint", text: hint }) : null);
}

function shown(value) {
  return value === undefined || value === null ? "" : String(value);
}

// What a number field holds: a whole number when it reads as one, else the
// text as typed (the API then says what is wrong; nothing is lost).
export function numberValue(text, optional) {
  const trimmed = text.trim();
  if (trimmed === "") return optional ? undefined : "";
  return /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : text;
}

// Rows for a textarea from its text and the form's width (characters per
// line estimated; the field may still be resized by hand).
export function grow(area) {
  const form = document.getElementById("plan-form");
  const perLine = Math.max(26, Math.floor(((form ? form.clientWidth : 600) - 140) / 8));
  const lines = area.value.split("\n").reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0);
  area.rows = Math.max(2, Math.min(16, lines));
}

// kind: "text" | "textarea" | "number"; optional: a blank field is left
// out of the plan (the model reads it as "not given"). example: shown in the
// empty field as "Ví dụ: …" (placeholder: any other text, e.g. "tự động").
export function field({ path, label, kind = "text", optional = false, hint, example, placeholder, className = "" }) {
  const value = store.get(path);
  const common = {
    id: fieldId(path),
    "data-path": pathKey(path),
    placeholder: example ? `Ví dụ: ${example}` : placeholder,
    value: shown(value),
  };
  let input;
  if (kind === "textarea") {
    input = h("textarea", { ...common, rows: 2 });
    grow(input);
  } else {
    input = h("input", { ...common, type: "text", inputmode: kind === "number" ? "numeric" : null,
      autocomplete: "off" });
  }
  input.addEventListener("input", () => {
    if (kind === "textarea") grow(input);
    let next = input.value;
    if (kind === "number") next = numberValue(next, optional);
    else if (optional && next.trim() === "") next = undefined;
    store.set(path, next);
  });
  return wrapper(path, label, input, hint, `field-${kind} ${className}`);
}

export function checkbox({ path, label, hint, onChange }) {
  const input = h("input", { type: "checkbox", id: fieldId(path), "data-path": pathKey(path),
    checked: Boolean(store.get(path)) });
  input.addEventListener("change", () => {
    store.set(path, input.checked);
    if (onChange) onChange(input.checked);
  });
  return h("div", { class: "field field-check", "data-field": pathKey(path) },
    input, h("label", { for: fieldId(path), text: label }),
    hint ? h("p", { class: "hint", text: hint }) : null);
}

// options: [[value, label], …]; the value "" means "not given".
export function select({ path, label, options, onChange, hint, className = "" }) {
  const current = shown(store.get(path));
  const input = h("select", { id: fieldId(path), "data-path": pathKey(path) },
    options.map(([value, text]) => h("option", { value, text, selected: value === current })));
  input.value = current;
  input.addEventListener("change", () => {
    const value = input.value === "" ? undefined : input.value;
    store.set(path, value === "true" ? true : value === "false" ? false : value);
    if (onChange) onChange(input.value);
  });
  return wrapper(path, label, input, hint, `field-select ${className}`);
}

export function button(text, onClick, props = {}) {
  return h("button", { type: "button", ...props, onclick: onClick, text });
}

// A repeating group: items can be added, removed and moved up and down.
// renderItem(itemPath, index) returns the item's fields.
// compact: one-field items (lines, paragraphs, tasks) with their buttons
// beside the field rather than above it. itemActions(index) adds buttons of
// the caller's before ↑ ↓ ✕ (e.g. blocks.js: insert a block after this one).
export function listEditor({ path, title, itemTitle, renderItem, newItem, addLabel, className = "", onChange,
  compact = false, itemActions }) {
  const items = h("div", { class: "list-items" });
  const box = h("div", { class: `list ${compact ? "compact" : ""} ${className}`.trim(), "data-path": pathKey(path) },
    title ? h("h3", { class: "list-title", text: title }) : null, items);

  const list = () => {
    let value = store.get(path);
    if (!Array.isArray(value)) {
      value = [];
      store.plan && store.set(path, value);
    }
    return value;
  };

  function changed(focusIndex, action) {
    refresh();
    if (onChange) onChange();
    store.changed({ path, structural: true });
    if (focusIndex !== undefined) focusItem(focusIndex, action);
  }

  // After a move the moved item keeps the focus: its same button, else its
  // other move button (at the top or the bottom of the list), else its field.
  function focusItem(index, action) {
    const item = items.children[index];
    if (!item) return;
    const tool = (name) => item.querySelector(`:scope > .item-tools > [data-action="${name}"]:not([disabled])`);
    const target = action ? tool(action) || tool(action === "up" ? "down" : "up") : null;
    (target || item.querySelector("input, textarea, select"))?.focus();
  }

  function move(index, by) {
    const value = list();
    const [item] = value.splice(index, 1);
    value.splice(index + by, 0, item);
    changed(index + by, by < 0 ? "up" : "down");
  }

  function refresh() {
    clear(items);
    const value = list();
    value.forEach((_, index) => {
      const itemPath = [...path, index];
      const label = itemTitle ? itemTitle(index, value[index]) : `${index + 1}.`;
      const tools = h("div", { class: "item-tools" },
        h("span", { class: "item-title", text: label }),
        itemActions ? itemActions(index, label) : null,
        button("↑", () => move(index, -1), { "data-action": "up", title: "Chuyển lên",
          "aria-label": `Chuyển lên: ${label}`, disabled: index === 0 }),
        button("↓", () => move(index, 1), { "data-action": "down", title: "Chuyển xuống",
          "aria-label": `Chuyển xuống: ${label}`, disabled: index === value.length - 1 }),
        button("✕", () => { value.splice(index, 1); changed(Math.min(index, value.length - 1)); },
          { "data-action": "remove", class: "danger", title: "Xóa", "aria-label": `Xóa: ${label}` }));
      items.append(h("div", { class: "list-item", "data-path": pathKey(itemPath) },
        tools, h("div", { class: "item-body" }, renderItem(itemPath, index, refresh))));
    });
  }

  refresh();
  if (addLabel) {
    box.append(button(addLabel, () => {
      list().push(newItem());
      changed(list().length - 1);
    }, { class: "add", "data-action": "add" }));
  }
  box.refresh = refresh;
  box.add = (item) => { list().push(item); changed(list().length - 1); };
  box.insert = (index, item) => { list().splice(index, 0, item); changed(index); };
  return box;
}

export function group(title, path, ...children) {
  return h("fieldset", { class: "group", "data-path": path ? pathKey(path) : null,
    id: path ? `group-${pathKey(path)}` : null },
    h("legend", { text: title }), children);
}
