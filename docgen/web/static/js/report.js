// The document this one follows (a report's plan, the plan a Công văn
// implements), printed as "Thực hiện <loại> số … ngày … của …" from these
// fields, and a report's period. A report always names it; another type
// may (a checkbox).

import { clear, h } from "./dom.js";
import { field, group } from "./fields.js";
import { store } from "./store.js";
import { docName, docType, label } from "./vocabulary.js";

function referenceFields() {
  const report = docType().groups.includes("period");
  return [
    report ? h("p", { class: "hint", id: "reference-tag-hint",
      text: "Chỗ ghi {văn bản được báo cáo} trong trích yếu, câu kết và phụ lục được in thành “… số … ngày … " +
        "của …” theo các ô dưới đây: sửa số, ngày ở đây là mọi chỗ đều đổi theo." }) : null,
    h("div", { class: "row" },
      field({ path: ["reference", "type_name"], label: label("reference.type_name"), example: docName(),
        className: "short" }),
      field({ path: ["reference", "number"], label: label("reference.number"), kind: "number", optional: true,
        className: "short" }),
      field({ path: ["reference", "symbol"], label: label("reference.symbol"), example: docType().symbol,
        className: "short" })),
    h("div", { class: "row", "data-path": "reference.date" },
      field({ path: ["reference", "date", "day"], label: label("reference.date.day"), kind: "number", optional: true,
        className: "tiny" }),
      field({ path: ["reference", "date", "month"], label: label("reference.date.month"), kind: "number",
        className: "tiny" }),
      field({ path: ["reference", "date", "year"], label: label("reference.date.year"), kind: "number",
        className: "tiny" })),
    field({ path: ["reference", "issuer_name"], label: label("reference.issuer_name"),
      example: "Ủy ban nhân dân tỉnh Gia Lai" }),
    field({ path: ["reference", "subject"], label: label("reference.subject"), kind: "textarea", optional: true,
      hint: "In sau “về việc …” ở dòng “Thực hiện … số …” đầu văn bản." }),
  ].filter(Boolean);
}

export function referenceGroup() {
  if (docType().groups.includes("period") || store.get(["reference"])) {
    return group(label("reference"), ["reference"], ...withToggle(true));
  }
  return group(label("reference"), ["reference"], ...withToggle(false));
}

// "Thực hiện/trả lời một văn bản": the fields appear when it is ticked; a
// report keeps them shown (its checks ask for them).
function withToggle(on) {
  if (docType().groups.includes("period")) return referenceFields();
  const body = h("div", { class: "optional-part" });
  const toggle = h("input", { type: "checkbox", id: "reference-on", checked: on });
  const refill = () => {
    clear(body);
    if (store.get(["reference"])) body.append(...referenceFields());
  };
  toggle.addEventListener("change", () => {
    store.set(["reference"], toggle.checked ? (store.get(["reference"]) || { date: {} }) : undefined);
    refill();
    store.changed({ structural: true });
  });
  refill();
  return [h("div", { class: "field field-check" }, toggle,
    h("label", { for: "reference-on", text: "Mở đầu bằng “Thực hiện … số … ngày … của …” một văn bản đã ban hành" })),
  body];
}

export function periodGroup() {
  return group(label("period"), ["period"],
    h("div", { class: "row" },
      field({ path: ["period", "start"], label: label("period.start"), example: "01/9/2023", className: "short" }),
      field({ path: ["period", "end"], label: label("period.end"), example: "20/10/2023", className: "short" })));
}
