// Sections (I., II., … or a Quy chế's chapters) and their blocks:
// paragraphs, headings, numbered paragraphs, items, bullets, the units of an
// assignment with their tasks, a decision's articles. The kinds, their
// names, fields and new blocks are the server's (docgen/plan/model.py
// BLOCK_KINDS, served in #vocabulary); which kinds a part holds is its
// type's (#vocabulary doc_types). Each block has a "+" menu that inserts a
// new block right after it.

import { append, clear, h } from "./dom.js";
import { button, checkbox, field, listEditor, select } from "./fields.js";
import { pathKey } from "./paths.js";
import { store } from "./store.js";
import { blockKind, newBlock, numeral } from "./vocabulary.js";

// Another kind for the same block: what was written is carried over.
function changeKind(block, kind) {
  const written = block.text ?? block.title ?? block.name ?? (block.tasks || []).join("\n");
  const next = newBlock(kind);
  if ("title" in next) {
    next.title = block.title ?? block.name ?? block.text ?? "";
    if (block.title !== undefined && block.text) next.text = block.text;
  } else if ("name" in next) {
    next.name = block.name ?? block.title ?? block.text ?? "";
    if (block.tasks) next.tasks = block.tasks;
  } else {
    next.text = written || "";
  }
  if (block.number && blockKind(kind).fields.includes("number")) next.number = block.number;
  if (block.label && "label" in next) next.label = block.label;
  return next;
}

// A title set off in italics as a whole is kept as "*…*" (the plan's inline
// markup, docgen/document/context.py; an imported italic heading comes so): the
// field shows its words and "In nghiêng" the italics, never the asterisks.
const WHOLE_ITALIC = /^\*([^*\s](?:[^*]*[^*\s])?)\*$/;

export function titleField(path) {
  const titlePath = [...path, "title"];
  const wrapper = field({ path: titlePath, label: "Tiêu đề", example: "Mục đích" });
  const input = wrapper.querySelector("input");
  const match = WHOLE_ITALIC.exec(store.get(titlePath) || "");
  if (match) input.value = match[1];
  const italic = h("input", { type: "checkbox", id: `${input.id}-italic`, checked: Boolean(match),
    "data-action": "italic-title" });
  const write = () => {
    const words = input.value;
    store.set(titlePath, italic.checked && words.trim() ? `*${words.trim()}*` : words);
  };
  input.addEventListener("input", write);  // after the field's own listener: the stored text wins
  italic.addEventListener("change", write);
  return [wrapper, h("div", { class: "field field-check title-italic" }, italic,
    h("label", { for: italic.id, text: "In nghiêng" }))];
}

function blockFields(path, block) {
  const numberField = field({ path: [...path, "number"], label: "Số", placeholder: "tự động",
    optional: true, className: "tiny" });
  switch (block.kind) {
    case "heading":
    case "subheading":
      return [
        h("div", { class: "row" }, ...titleField(path), numberField),
        field({ path: [...path, "text"], label: "Nội dung viết tiếp sau tiêu đề (nếu có)", kind: "textarea",
          optional: true }),
      ];
    case "numbered":
      return [h("div", { class: "row" },
        field({ path: [...path, "text"], label: "Nội dung", kind: "textarea" }), numberField)];
    case "item":
      return [h("div", { class: "row" },
        field({ path: [...path, "label"], label: "Ký hiệu", example: "a)", className: "tiny" }),
        field({ path: [...path, "text"], label: "Nội dung", kind: "textarea" }))];
    case "unit":
      return unitFields(path, numberField);
    case "article":
      // a decision's article is its text; a Quy chế's (the text a decision issues) has a title too
      return [
        h("div", { class: "row" },
          block.title || path[0] === "attached"
            ? field({ path: [...path, "title"], label: "Tên điều", optional: true, example: "Phạm vi điều chỉnh" })
            : null,
          numberField),
        field({ path: [...path, "text"], label: "Nội dung", kind: "textarea", optional: true }),
      ];
    default:
      return [field({ path: [...path, "text"], label: "Nội dung", kind: "textarea", className: "label-hidden" })];
  }
}

function unitFields(path, numberField) {
  return [
    h("div", { class: "row" },
      field({ path: [...path, "name"], label: "Tên đơn vị", example: "Công an tỉnh" }), numberField),
    checkbox({ path: [...path, "requested"], label: "Đề nghị (cơ quan ngoài hệ thống: Mặt trận, đoàn thể, báo, đài…)" }),
    listEditor({
      path: [...path, "tasks"], compact: true, title: "Nhiệm vụ", className: "tasks",
      itemTitle: (i) => `Nhiệm vụ ${i + 1}`,
      renderItem: (p, i) => field({ path: p, label: `Nhiệm vụ ${i + 1}`, kind: "textarea",
        className: "label-hidden" }),
      newItem: () => "", addLabel: "+ Thêm nhiệm vụ",
    }),
    h("div", { class: "row options" },
      select({ path: [...path, "bullets"], label: "Gạch đầu dòng trước nhiệm vụ",
        options: [["", "Tự động (có khi nhiều hơn một)"], ["true", "Có"], ["false", "Không"]] }),
      checkbox({ path: [...path, "run_in"], label: "Nhiệm vụ đầu viết tiếp sau tên đơn vị" })),
  ];
}

function blockItem(path, kinds) {
  const body = h("div", { class: "block" });
  const fill = () => {
    const block = store.get(path) || {};
    clear(body);
    const kind = typeof block === "object" && block.kind ? block.kind : "paragraph";
    const chooser = h("select", { "data-path": [...path, "kind"].join("."), "aria-label": "Loại khối",
      class: "kind" }, kinds.map(({ kind: value, name }) =>
      h("option", { value, text: name, selected: value === kind })));
    chooser.value = kind;
    chooser.addEventListener("change", () => {
      store.set(path, changeKind(store.get(path) || {}, chooser.value));
      fill();
      const tools = body.closest(".list-item")?.querySelector(":scope > .item-tools");
      const label = `${path[path.length - 1] + 1}. ${blockKind(chooser.value).name}`;
      if (tools) {
        tools.querySelector(":scope > .item-title").textContent = label;
        tools.querySelector("[data-action=insert-after]")?.setAttribute("aria-label", `Thêm khối ngay sau: ${label}`);
      }
      store.changed({ path, structural: true });
    });
    append(body, [h("div", { class: "block-kind" }, chooser), blockFields(path, { ...block, kind })]);
  };
  fill();
  return body;
}

function addBlockControls(blocks, kinds) {
  const chooser = h("select", { class: "new-kind", "aria-label": "Loại khối mới" },
    kinds.map(({ kind, name }) => h("option", { value: kind, text: name })));
  return h("div", { class: "add-block" },
    chooser, button("+ Thêm khối", () => blocks.add(newBlock(chooser.value)),
      { class: "add", "data-action": "add-block" }));
}

// The kind usually wanted after a block (the server's "then"): a bullet
// under "1. Mục đích".
function likelyNext(kind) {
  return blockKind(kind).then;
}

// "+" on a block: a small menu of kinds; the chosen one is inserted right
// after the block and its text field takes the focus. Arrow keys move in
// the menu, Escape closes it.
function insertAfterMenu(blocksList, blocksPath, index, label, kinds) {
  const menuId = `insert-after-${pathKey([...blocksPath, index])}`;
  const toggle = button("+", () => (menu.hidden ? open() : close(true)), {
    class: "insert-toggle", "data-action": "insert-after", title: "Thêm khối ngay sau khối này",
    "aria-label": `Thêm khối ngay sau: ${label}`, "aria-haspopup": "menu", "aria-expanded": "false",
    "aria-controls": menuId,
  });
  const options = kinds.map(({ kind, name }) => button(name, () => insert(kind),
    { role: "menuitem", "data-kind": kind, tabindex: "-1" }));
  const menu = h("span", { class: "insert-menu", id: menuId, role: "menu", hidden: true,
    "aria-label": `Loại khối thêm sau ${label}` },
    h("span", { class: "insert-menu-title", "aria-hidden": "true", text: "Thêm ngay sau khối này:" }), options);
  const wrap = h("span", { class: "insert-after" }, toggle, menu);

  function open() {
    menu.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    const kind = likelyNext(store.get([...blocksPath, index])?.kind);
    (options.find((option) => option.dataset.kind === kind) || options[0]).focus();
  }
  function close(refocus) {
    menu.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    if (refocus) toggle.focus();
  }
  function insert(kind) {
    close(false);
    blocksList().insert(index + 1, newBlock(kind));
    const added = document.querySelector(`.list-item[data-path="${pathKey([...blocksPath, index + 1])}"]`);
    const fields = [...(added?.querySelectorAll(".item-body input[type=text], .item-body textarea") || [])];
    (fields.find((input) => !input.value) || fields[0])?.focus();  // an item's text, not its "a)"
  }
  menu.addEventListener("keydown", (event) => {
    const at = options.indexOf(document.activeElement);
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step) options[(at + step + options.length) % options.length].focus();
    else if (event.key === "Home") options[0].focus();
    else if (event.key === "End") options[options.length - 1].focus();
    else if (event.key === "Escape") close(true);
    else return;
    event.preventDefault();
  });
  wrap.addEventListener("focusout", (event) => {
    if (!menu.hidden && !wrap.contains(event.relatedTarget)) close(false);
  });
  return wrap;
}

// The blocks of one part (a section's, or a decision's articles), of the
// ``kinds`` that part holds.
export function blocksEditor(path, kinds) {
  const blocks = listEditor({
    path, className: "blocks",
    itemTitle: (i, block) => `${i + 1}. ${blockKind(block?.kind).name}`,
    renderItem: (p) => blockItem(p, kinds),
    itemActions: (i, label) => insertAfterMenu(() => blocks, path, i, label, kinds),
  });
  return [blocks, addBlockControls(blocks, kinds)];
}

// Sections at ``path`` ("sections", or "attached.sections"): "Mục I" of a
// plan, "Chương I" of a Quy chế (``chapters``), their blocks of ``kinds``.
export function sectionsEditor({ path: sectionsPath = ["sections"], kinds, chapters = false } = {}) {
  const word = chapters ? "Chương" : "Mục";
  return listEditor({
    path: sectionsPath, className: "sections",
    itemTitle: (i, section) => `${word} ${section?.number || numeral(i + 1)}`,
    renderItem: (path) => [
      h("div", { class: "row" },
        field({ path: [...path, "title"], label: `Tên ${word.toLowerCase()}`,
          example: chapters ? "NHỮNG ĐIỀU KHOẢN CHUNG" : "MỤC ĐÍCH, YÊU CẦU" }),
        field({ path: [...path, "number"], label: `Số ${word.toLowerCase()}`, placeholder: "tự động", optional: true,
          className: "tiny" })),
      ...blocksEditor([...path, "blocks"], kinds),
    ],
    newItem: () => ({ title: "", blocks: [] }), addLabel: `+ Thêm ${word.toLowerCase()}`,
  });
}
