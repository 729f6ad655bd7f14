// The plan form, grouped as the plan reads: header, subject, opening,
// sections (blocks, units and their tasks), recipients, signer, campaign,
// appendices.

import { shortDate } from "./dates.js";
import { clear, h } from "./dom.js";
import { button, field, group, listEditor } from "./fields.js";
import { sectionsEditor } from "./blocks.js";
import { appendicesEditor } from "./appendix.js";
import { isReport, periodGroup, referenceGroup } from "./report.js";
import { store } from "./store.js";
import { docName, docNoun, label } from "./vocabulary.js";

function headerGroup() {
  return group(label("header"), ["header"],
    field({ path: ["header", "parent_body"], label: `${label("header.parent_body")} (nếu có)`, optional: true,
      example: "UBND TỈNH GIA LAI" }),
    listEditor({
      path: ["header", "issuing_body"], compact: true, title: `${label("header.issuing_body")} (mỗi dòng một phần)`,
      itemTitle: (i) => `Dòng ${i + 1}`,
      renderItem: (p, i) => field({ path: p, label: label("header.issuing_body.*", i + 1),
        className: "label-hidden", example: i === 0 ? "ỦY BAN NHÂN DÂN" : "TỈNH GIA LAI" }),
      newItem: () => "", addLabel: "+ Thêm dòng tên cơ quan",
    }),
    field({ path: ["header", "issuer_name"], label: label("header.issuer_name"), optional: true,
      example: "Ủy ban nhân dân tỉnh Gia Lai",
      hint: `Dùng cho dòng “Kèm theo ${docName()} số … của …” ở phụ lục.` }),
    h("div", { class: "row" },
      field({ path: ["header", "number"], label: label("header.number"), kind: "number", optional: true,
        hint: "Để trống khi là dự thảo.", className: "short" }),
      field({ path: ["header", "symbol"], label: label("header.symbol"), example: "KH-UBND", className: "short" })),
    field({ path: ["header", "place"], label: label("header.place"), example: "Gia Lai" }),
    h("div", { class: "row", "data-path": "header.date" },
      field({ path: ["header", "date", "day"], label: label("header.date.day"), kind: "number", optional: true,
        hint: "Trống: dự thảo.", className: "tiny" }),
      field({ path: ["header", "date", "month"], label: label("header.date.month"), kind: "number", className: "tiny" }),
      field({ path: ["header", "date", "year"], label: label("header.date.year"), kind: "number", className: "tiny" })));
}

function subjectGroup() {
  return group(label("subject"), null,
    field({ path: ["subject"], label: `${label("subject")} (tên ${docNoun()}, viết hoa chữ đầu)`, kind: "textarea",
      example: "Triển khai … trên địa bàn tỉnh …" }));
}

function openingGroup() {
  return group(label("opening"), ["opening"],
    listEditor({
      path: ["opening"], compact: true, itemTitle: (i) => `Đoạn ${i + 1}`,
      renderItem: (p, i) => field({ path: p, label: label("opening.*", i + 1), kind: "textarea",
        className: "label-hidden", example: "Căn cứ …; Thực hiện …" }),
      newItem: () => "", addLabel: "+ Thêm đoạn mở đầu",
    }));
}

function recipientsGroup() {
  return group(label("recipients"), ["recipients"],
    listEditor({
      path: ["recipients"], itemTitle: (i) => label("recipients.*", i + 1),
      renderItem: (p) => h("div", { class: "row" },
        field({ path: [...p, "name"], label: label("recipients.*.name"), example: "Văn phòng Chính phủ" }),
        field({ path: [...p, "purpose"], label: label("recipients.*.purpose"), optional: true, example: "để báo cáo",
          className: "short" })),
      newItem: () => ({ name: "" }), addLabel: "+ Thêm nơi nhận",
    }),
    field({ path: ["archive"], label: label("archive"), example: "VT, NC",
      hint: "In thành dòng cuối: “- Lưu: VT, NC.”" }));
}

// Signing authority patterns of Decree 30 (nd30.md, ô 7a). BODY is the
// collective's name, from the first line of the issuing body.
const AUTHORITY_PATTERNS = [
  ["tm", "TM. tập thể – Chủ tịch ký", ["TM. BODY", "CHỦ TỊCH"]],
  ["tm-kt", "TM. tập thể, KT. – cấp phó ký thay", ["TM. BODY", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]],
  ["kt", "KT. – cấp phó ký thay người đứng đầu", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]],
  ["q", "Q. – quyền người đứng đầu", ["Q. CHỦ TỊCH"]],
  ["tl", "TL. – ký thừa lệnh", ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]],
  ["tuq", "TUQ. – ký thừa ủy quyền", ["TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ …"]],
  ["head", "Người đứng đầu ký trực tiếp", ["CHỦ TỊCH"]],
];

function signerGroup() {
  const lines = listEditor({
    path: ["signer", "authority"], compact: true, title: `${label("signer.authority")} (mỗi dòng một phần)`,
    itemTitle: (i) => `Dòng ${i + 1}`,
    renderItem: (p, i) => field({ path: p, label: label("signer.authority.*", i + 1), className: "label-hidden",
      example: i === 0 ? "TM. ỦY BAN NHÂN DÂN" : "CHỦ TỊCH" }),
    newItem: () => "", addLabel: "+ Thêm dòng thẩm quyền",
  });
  const chooser = h("select", { id: "authority-pattern", "aria-label": "Mẫu thẩm quyền ký" },
    AUTHORITY_PATTERNS.map(([value, text]) => h("option", { value, text })));
  const apply = () => {
    const pattern = AUTHORITY_PATTERNS.find(([value]) => value === chooser.value)[2];
    const body = (store.get(["header", "issuing_body"]) || [])[0] || "ỦY BAN NHÂN DÂN";
    store.set(["signer", "authority"], pattern.map((line) => line.replace("BODY", body.toUpperCase())));
    lines.refresh();
    store.changed({ structural: true });
  };
  return group(label("signer"), ["signer"],
    h("div", { class: "field pattern" },
      h("label", { for: "authority-pattern", text: "Mẫu thẩm quyền ký" }),
      h("div", { class: "inline" }, chooser, button("Áp dụng mẫu", apply, { id: "apply-authority" }))),
    lines,
    field({ path: ["signer", "name"], label: label("signer.name"), example: "Nguyễn Văn A",
      hint: "Chỉ ghi họ tên, không ghi học hàm, học vị, danh xưng." }));
}

function campaignGroup() {
  const body = h("div", { class: "campaign-fields" });
  const fill = () => {
    clear(body);
    if (!store.get(["campaign"])) return;
    body.append(
      field({ path: ["campaign", "name"], label: label("campaign.name"), optional: true, example: "50 ngày, đêm" }),
      h("div", { class: "row" },
        field({ path: ["campaign", "start"], label: label("campaign.start"), optional: true, example: "01/9/2023",
          className: "short" }),
        field({ path: ["campaign", "end"], label: label("campaign.end"), optional: true, example: "20/10/2023",
          className: "short" }),
        field({ path: ["campaign", "days"], label: label("campaign.days"), kind: "number", optional: true,
          className: "tiny", hint: "Để trống: tính từ ngày đến ngày." })),
      field({ path: ["campaign", "area"], label: label("campaign.area"), optional: true, example: "tỉnh Gia Lai" }));
  };
  const toggle = h("input", { type: "checkbox", id: "campaign-on", checked: Boolean(store.get(["campaign"])) });
  toggle.addEventListener("change", () => {
    store.set(["campaign"], toggle.checked ? (store.get(["campaign"]) || {}) : undefined);
    fill();
    store.changed({ structural: true });
  });
  fill();
  return group(label("campaign"), ["campaign"],
    h("div", { class: "field field-check" }, toggle,
      h("label", { for: "campaign-on", text: `${docName()} có đợt cao điểm (dùng cho chỉ tiêu theo ngày ở phụ lục)` })),
    body);
}

export function buildForm(form) {
  clear(form);
  form.append(
    headerGroup(), subjectGroup(), ...(isReport() ? [referenceGroup(), periodGroup()] : []), openingGroup(),
    group(`${label("sections")}: các mục I, II, …`, ["sections"], sectionsEditor()),
    recipientsGroup(), signerGroup(), campaignGroup(),
    group(label("appendices"), ["appendices"], appendicesEditor()));
}

// A plan from the server or from a file, ready for the form: the lists the
// form edits exist; campaign dates read the Vietnamese way.
export function normalisePlan(plan) {
  const p = plan && typeof plan === "object" && !Array.isArray(plan) ? plan : {};
  p.header = p.header && typeof p.header === "object" ? p.header : {};
  if (!Array.isArray(p.header.issuing_body)) p.header.issuing_body = [""];
  if (!p.header.date || typeof p.header.date !== "object") p.header.date = {};
  for (const key of ["opening", "sections", "recipients", "appendices"]) {
    if (!Array.isArray(p[key])) p[key] = [];
  }
  p.signer = p.signer && typeof p.signer === "object" ? p.signer : {};
  if (!Array.isArray(p.signer.authority)) p.signer.authority = [""];
  for (const dated of [p.campaign, p.period]) {
    if (!dated) continue;
    for (const key of ["start", "end"]) {
      if (dated[key]) dated[key] = shortDate(dated[key]);
    }
  }
  if (p.reference && typeof p.reference === "object" && !p.reference.date) p.reference.date = {};
  for (const section of p.sections) {
    if (section && !Array.isArray(section.blocks)) section.blocks = [];
  }
  // The model's defaults, so that the checkboxes show what will print.
  for (const appendix of p.appendices) {
    if (!appendix || typeof appendix !== "object") continue;
    if (!Array.isArray(appendix.columns)) appendix.columns = [];
    if (!Array.isArray(appendix.rows)) appendix.rows = [];
    if (appendix.numbered === undefined) appendix.numbered = true;
    if (appendix.total === undefined) appendix.total = true;
  }
  return p;
}

