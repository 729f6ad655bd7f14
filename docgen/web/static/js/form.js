// The form of a document, grouped as it reads and as its type has it
// (#vocabulary doc_types: the groups of the form): header, subject, "Kính
// gửi", the document it follows, the decision's authority line, a meeting,
// the opening (a decision's bases), sections or articles, the closing
// ("Trên đây là …"), the text a decision issues, recipients, signer,
// campaign, appendices.

import { shortDate } from "./dates.js";
import { clear, h } from "./dom.js";
import { button, field, group, listEditor, select } from "./fields.js";
import { blocksEditor, sectionsEditor } from "./blocks.js";
import { appendicesEditor } from "./appendix.js";
import { offerAgencies } from "./agencies.js";
import { periodGroup, referenceGroup } from "./report.js";
import { store } from "./store.js";
import { authorityPatterns, docName, marks, docNoun, docType, example, kindsOf, label, setDocType } from "./vocabulary.js";

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
      hint: `Dùng cho dòng “Kèm theo ${docName()} số … của …” ở phụ lục, văn bản kèm theo.` }),
    h("div", { class: "row" },
      field({ path: ["header", "number"], label: label("header.number"), kind: "number", optional: true,
        hint: "Để trống khi là dự thảo.", className: "short" }),
      field({ path: ["header", "symbol"], label: label("header.symbol"), example: example("header.symbol", docType().symbol),
        className: "short" })),
    field({ path: ["header", "place"], label: label("header.place"), example: "Gia Lai" }),
    h("div", { class: "row", "data-path": "header.date" },
      field({ path: ["header", "date", "day"], label: label("header.date.day"), kind: "number", optional: true,
        hint: "Trống: dự thảo.", className: "tiny" }),
      field({ path: ["header", "date", "month"], label: label("header.date.month"), kind: "number", className: "tiny" }),
      field({ path: ["header", "date", "year"], label: label("header.date.year"), kind: "number", className: "tiny" })));
}

// ô 10a and 10b: the secrecy and urgency stamps printed under the number,
// and the reply deadline the metadata carries (#vocabulary marks).
function marksGroup() {
  const choices = (list, none) => [["", none], ...list.map(({ key, name }) => [key, name])];
  return group(label("marks"), null,
    h("div", { class: "row" },
      select({ path: ["secrecy"], label: label("secrecy"), options: choices(marks.secrecy, "Không mật"),
        className: "short" }),
      select({ path: ["urgency"], label: label("urgency"), options: choices(marks.urgency, "Thường"),
        className: "short" })),
    h("p", { class: "hint", text: "Dấu độ mật, độ khẩn in dưới số, ký hiệu, trong khung, chữ in hoa đậm màu đỏ. "
      + "Đơn vị soạn thảo đề xuất, người ký quyết định độ khẩn; văn bản khẩn được phát hành ngay sau khi ký." }),
    field({ path: ["reply_by"], label: `${label("reply_by")} (nếu có)`, optional: true, example: "30/6/2025",
      className: "short" }));
}

function subjectGroup() {
  const prefix = docType().subject_prefix;
  const hint = prefix ? `In dưới số, ký hiệu: “${prefix}…”, chữ thường, ngắn gọn.` : undefined;
  return group(label("subject"), null,
    field({ path: ["subject"], label: `${label("subject")} (tên ${docNoun()}${prefix ? "" : ", viết hoa chữ đầu"})`,
      kind: "textarea", example: example("subject", "Triển khai … trên địa bàn tỉnh …"), hint }));
}

// A list of lines (Kính gửi, a meeting's notes) at ``path``.
function linesEditor(path, pattern, itemExample, addLabel) {
  return listEditor({
    path, compact: true, itemTitle: (i) => label(pattern, i + 1),
    renderItem: (p, i) => field({ path: p, label: label(pattern, i + 1), className: "label-hidden",
      kind: pattern.startsWith("addressees") ? "text" : "textarea", example: example(pattern, itemExample) }),
    newItem: () => "", addLabel,
  });
}

// A part the type may have or not (Kính gửi of a report, the document
// followed, the text a decision issues): a checkbox, and its fields when on.
function optionalPart(path, question, fresh, fill) {
  const body = h("div", { class: "optional-part" });
  const id = `${path.join("-")}-on`;
  const toggle = h("input", { type: "checkbox", id, checked: Boolean(store.get(path)) });
  const refill = () => {
    clear(body);
    if (store.get(path)) body.append(...[].concat(fill()));
  };
  toggle.addEventListener("change", () => {
    store.set(path, toggle.checked ? (store.get(path) || fresh()) : undefined);
    refill();
    store.changed({ structural: true });
  });
  refill();
  return [h("div", { class: "field field-check" }, toggle, h("label", { for: id, text: question })), body];
}

function addresseesGroup() {
  const lines = () => linesEditor(["addressees"], "addressees.*", "Ủy ban nhân dân tỉnh …", "+ Thêm nơi nhận");
  const hint = h("p", { class: "hint", text: "Một nơi nhận: in cùng dòng “Kính gửi:”; nhiều nơi nhận: mỗi nơi một "
    + "dòng “- …;”, dòng cuối “.”." });
  if (docType().addressees === "required") return group(label("addressees"), ["addressees"], hint, lines());
  const present = () => (store.get(["addressees"]) || []).length > 0;
  const body = h("div", { class: "optional-part" });
  const toggle = h("input", { type: "checkbox", id: "addressees-on", checked: present() });
  const refill = () => {
    clear(body);
    if (present()) body.append(hint, lines());
  };
  toggle.addEventListener("change", () => {
    store.set(["addressees"], toggle.checked ? [""] : []);
    refill();
    store.changed({ structural: true });
  });
  refill();
  return group(label("addressees"), ["addressees"],
    h("div", { class: "field field-check" }, toggle,
      h("label", { for: "addressees-on", text: `${docName()} gửi cấp trên: có phần “Kính gửi”` })), body);
}

function deciderGroup() {
  return group(label("decider"), null,
    field({ path: ["decider"], label: label("decider"), optional: true,
      example: example("decider", "CHỦ TỊCH ỦY BAN NHÂN DÂN …"),
      hint: "In hoa, căn giữa, trên các dòng căn cứ: chức vụ người đứng đầu, hoặc tên tập thể có thẩm quyền." }));
}

function meetingGroup() {
  const at = (name) => ["meeting", name];
  return group(label("meeting"), ["meeting"],
    field({ path: at("invitees"), label: label("meeting.invitees"), kind: "textarea",
      example: "Đại diện lãnh đạo các ban, ngành, đoàn thể xã" }),
    field({ path: at("event"), label: label("meeting.event"), kind: "textarea", example: "Lễ ra quân …" }),
    field({ path: at("chair"), label: label("meeting.chair"), optional: true, example: "Đồng chí …, Chủ tịch UBND xã" }),
    h("div", { class: "row" },
      field({ path: at("time"), label: label("meeting.time"), optional: true, example: "07:30", className: "short" }),
      field({ path: at("date"), label: label("meeting.date"), optional: true, example: "15/3/2025",
        className: "short" })),
    field({ path: at("place"), label: label("meeting.place"), optional: true, example: "Hội trường Ủy ban nhân dân xã" }),
    field({ path: at("participants"), label: label("meeting.participants"), kind: "textarea", optional: true }),
    h("p", { class: "hint", text: label("meeting.notes") }),
    linesEditor(at("notes"), "meeting.notes.*", "Đề nghị các đại biểu tham dự đúng thời gian./.", "+ Thêm đoạn"));
}

function openingGroup(path = ["opening"], pattern = "opening") {
  return group(label(pattern), path,
    listEditor({
      path, compact: true, itemTitle: (i) => label(`${pattern}.*`, i + 1),
      renderItem: (p, i) => field({ path: p, label: label(`${pattern}.*`, i + 1), kind: "textarea",
        className: "label-hidden", example: example(`${pattern}.*`, "Căn cứ …; Thực hiện …") }),
      newItem: () => "", addLabel: "+ Thêm đoạn",
    }));
}

// The closing (Đoạn kết): "Trên đây là … ./." after the last section, before
// "Nơi nhận"; a section added later comes before it.
function closingGroup() {
  return group(label("closing"), ["closing"],
    h("p", { class: "hint", text: `In sau mục cuối, trước “Nơi nhận” (không đánh số); mục thêm sau vẫn đứng trước `
      + "đoạn kết. Đoạn cuối kết thúc bằng “./.”." }),
    listEditor({
      path: ["closing"], compact: true, itemTitle: (i) => label("closing.*", i + 1),
      renderItem: (p, i) => field({ path: p, label: label("closing.*", i + 1), kind: "textarea",
        className: "label-hidden", example: example("closing.*", `Trên đây là ${docName()} … của …; đề nghị các cơ `
          + "quan, đơn vị … triển khai thực hiện./.") }),
      newItem: () => "", addLabel: "+ Thêm đoạn kết",
    }));
}

function sectionsGroup() {
  const type = docType();
  return group(`${label("sections")}: ${type.chapters ? "các chương" : "các mục I, II, …"}`, ["sections"],
    sectionsEditor({ kinds: kindsOf(type.section_kinds), chapters: type.chapters }));
}

function articlesGroup() {
  return group(label("articles"), ["articles"],
    h("p", { class: "hint", text: "Mỗi điều in “Điều 1.”, “Điều 2.”… tự động; điều cuối ghi các cơ quan, đơn vị "
      + "chịu trách nhiệm thi hành, kết thúc bằng “./.”." }),
    ...blocksEditor(["articles"], kindsOf(docType().article_kinds)));
}

function attachedGroup() {
  const kinds = docType().attached;
  const fresh = () => ({ type: kinds[0].key, subject: "", opening: [], sections: [] });
  const fill = () => {
    const chosen = kinds.find((kind) => kind.key === store.get(["attached", "type"])) || kinds[0];
    return [
      select({ path: ["attached", "type"], label: label("attached.type"),
        options: kinds.map((kind) => [kind.key, kind.name]), onChange: () => store.changed({ structural: true }) }),
      field({ path: ["attached", "subject"], label: label("attached.subject"), kind: "textarea" }),
      openingGroup(["attached", "opening"], "attached.opening"),
      group(label("attached.sections"), ["attached", "sections"],
        sectionsEditor({ path: ["attached", "sections"], kinds: kindsOf(chosen.section_kinds),
          chapters: chosen.chapters })),
    ];
  };
  return group(label("attached"), ["attached"],
    ...optionalPart(["attached"], `${docName()} ban hành kèm theo một văn bản (in sau ${docNoun()}, cùng tệp)`,
      fresh, fill));
}

function recipientsGroup() {
  return group(label("recipients"), ["recipients"],
    listEditor({
      path: ["recipients"], itemTitle: (i) => label("recipients.*", i + 1),
      renderItem: (p) => h("div", { class: "row" },
        offerAgencies(field({ path: [...p, "name"], label: label("recipients.*.name"), example: "Văn phòng Chính phủ" }),
          p),
        field({ path: [...p, "purpose"], label: label("recipients.*.purpose"), optional: true, example: "để báo cáo",
          className: "short" }),
        field({ path: [...p, "code"], label: label("recipients.*.code"), optional: true, example: "000.00.31.H41",
          className: "short", hint: "Gửi điện tử; chọn tên từ danh bạ để điền." })),
      newItem: () => ({ name: "" }), addLabel: "+ Thêm nơi nhận",
    }),
    field({ path: ["archive"], label: label("archive"), example: "VT, NC",
      hint: "In thành dòng cuối: “- Lưu: VT, NC.”" }));
}

// Signing authority patterns of Decree 30 (nd30.md, ô 7a), the server's
// (#vocabulary authority_patterns). BODY is the collective's name, from the
// first line of the issuing body.

function signerGroup() {
  const lines = listEditor({
    path: ["signer", "authority"], compact: true, title: `${label("signer.authority")} (mỗi dòng một phần)`,
    itemTitle: (i) => `Dòng ${i + 1}`,
    renderItem: (p, i) => field({ path: p, label: label("signer.authority.*", i + 1), className: "label-hidden",
      example: i === 0 ? "TM. ỦY BAN NHÂN DÂN" : "CHỦ TỊCH" }),
    newItem: () => "", addLabel: "+ Thêm dòng thẩm quyền",
  });
  const chooser = h("select", { id: "authority-pattern", "aria-label": "Mẫu thẩm quyền ký" },
    authorityPatterns.map(({ key, name }) => h("option", { value: key, text: name })));
  const apply = () => {
    const pattern = authorityPatterns.find(({ key }) => key === chooser.value).lines;
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

const GROUPS = {
  header: headerGroup, marks: marksGroup, subject: subjectGroup, addressees: addresseesGroup,
  reference: referenceGroup, period: periodGroup, decider: deciderGroup, meeting: meetingGroup, opening: () => openingGroup(),
  sections: sectionsGroup, articles: articlesGroup, closing: closingGroup, attached: attachedGroup,
  recipients: recipientsGroup,
  signer: signerGroup, campaign: campaignGroup,
  appendices: () => group(label("appendices"), ["appendices"], appendicesEditor()),
};

export function buildForm(form) {
  clear(form);
  const type = setDocType(store.get(["type"]));
  form.dataset.type = type.key || "";
  form.append(...type.groups.map((name) => GROUPS[name]()));
}

// A plan from the server or from a file, ready for the form: the lists the
// form edits exist; campaign dates read the Vietnamese way.
export function normalisePlan(plan) {
  const p = plan && typeof plan === "object" && !Array.isArray(plan) ? plan : {};
  p.header = p.header && typeof p.header === "object" ? p.header : {};
  if (!Array.isArray(p.header.issuing_body)) p.header.issuing_body = [""];
  if (!p.header.date || typeof p.header.date !== "object") p.header.date = {};
  for (const key of ["opening", "sections", "closing", "recipients", "appendices", "addressees", "articles"]) {
    if (!Array.isArray(p[key])) p[key] = [];
  }
  if (p.meeting && typeof p.meeting === "object") {
    if (!Array.isArray(p.meeting.notes)) p.meeting.notes = [];
    if (p.meeting.date) p.meeting.date = shortDate(p.meeting.date);
  }
  if (p.attached && typeof p.attached === "object") {
    for (const key of ["opening", "sections"]) {
      if (!Array.isArray(p.attached[key])) p.attached[key] = [];
    }
  }
  p.signer = p.signer && typeof p.signer === "object" ? p.signer : {};
  if (!Array.isArray(p.signer.authority)) p.signer.authority = [""];
  if (p.reply_by) p.reply_by = shortDate(p.reply_by);
  for (const dated of [p.campaign, p.period]) {
    if (!dated) continue;
    for (const key of ["start", "end"]) {
      if (dated[key]) dated[key] = shortDate(dated[key]);
    }
  }
  if (p.reference && typeof p.reference === "object" && !p.reference.date) p.reference.date = {};
  for (const section of [...p.sections, ...(p.attached?.sections || [])]) {
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

