// A report's own fields (Báo cáo): the document it reports on, printed as
// "Thực hiện Kế hoạch số … ngày … của …", and the reporting period.

import { h } from "./dom.js";
import { field, group } from "./fields.js";
import { store } from "./store.js";
import { label } from "./vocabulary.js";

const REPORT_TYPE = "bao_cao";

export function isReport() {
  return store.get(["type"]) === REPORT_TYPE || Boolean(store.get(["reference"]) || store.get(["period"]));
}

export function referenceGroup() {
  return group(label("reference"), ["reference"],
    h("p", { class: "hint", id: "reference-tag-hint",
      text: "Chỗ ghi {văn bản được báo cáo} trong trích yếu, câu kết và phụ lục được in thành “… số … ngày … " +
        "của …” theo các ô dưới đây: sửa số, ngày ở đây là mọi chỗ đều đổi theo." }),
    h("div", { class: "row" },
      field({ path: ["reference", "type_name"], label: label("reference.type_name"), example: "Kế hoạch",
        className: "short" }),
      field({ path: ["reference", "number"], label: label("reference.number"), kind: "number", optional: true,
        className: "short" }),
      field({ path: ["reference", "symbol"], label: label("reference.symbol"), example: "KH-UBND",
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
      hint: "In sau “về việc …” ở dòng “Thực hiện … số …” đầu văn bản." }));
}

export function periodGroup() {
  return group(label("period"), ["period"],
    h("div", { class: "row" },
      field({ path: ["period", "start"], label: label("period.start"), example: "01/9/2023", className: "short" }),
      field({ path: ["period", "end"], label: label("period.end"), example: "20/10/2023", className: "short" })));
}
