// Words and lists the server owns and the page carries (#vocabulary): the
// form's field labels by path pattern (docgen/plan/labels.py: "header.place" ->
// "Địa danh"), the severity words of the checks (Lỗi, Cảnh báo, Lưu ý), and
// the lists of docgen/plan/vocabulary.py: block kinds, column types and
// formulas, section numerals. The browser keeps no copy of its own.

const node = document.getElementById("vocabulary");
const data = node ? JSON.parse(node.textContent)
  : { labels: {}, severities: {}, blocks: [], column_types: [], formulas: [], numerals: [] };

// The document's type as the server describes it (docgen/plan/vocabulary.py
// editor_type): its name, the groups of its form, the labels and examples
// that differ for it, the block kinds of its parts. The form sets it from the
// plan it builds (a file opened or a draft restored may be of another type).
let type = null;

export function typeOf(key) {
  const types = data.doc_types || {};
  return types[key] || types[data.default_type] || { name: "Văn bản", noun: "văn bản", groups: [], labels: {},
    examples: {}, section_kinds: [], article_kinds: [], attached: [] };
}

export function setDocType(key) {
  type = typeOf(key);
  return type;
}

export function docType() {
  return type || typeOf(undefined);
}

export function docName() {
  return docType().name;
}

export function docNoun() {
  return docType().noun;
}

// The label of a field by its path pattern ("sections.*.title"), as the
// document's type names it; an item's number fills {n} ("Nơi nhận {n}").
export function label(pattern, n) {
  const found = docType().labels[pattern] ?? data.labels[pattern];
  if (found === undefined) throw new Error(`no label for ${pattern}`);
  return found.replace("{n}", String(n));
}

// The example shown in an empty field: the type's own, else ``fallback``.
export function example(pattern, fallback) {
  return docType().examples[pattern] ?? fallback;
}

export function severityWord(severity) {
  return data.severities[severity] || severity;
}

// --- block kinds: {kind, name, fields, start, then} -----------------------------

export const blockKinds = data.blocks;

// The kinds a part holds, by key (a plan's sections, a decision's articles).
export function kindsOf(keys) {
  if (!keys || !keys.length) return blockKinds;
  return keys.map((key) => kindsByKey[key]).filter(Boolean);  // in the part's order: "Điều" first
}

// Signing-authority patterns (docgen/vietnamese/authority.py): {key, name, lines}.
export const authorityPatterns = data.authority_patterns || [];

// Độ mật and độ khẩn (docgen/plan/marks.py): {secrecy: [{key, name}], urgency: […]}.
export const marks = data.marks || { secrecy: [], urgency: [] };
const kindsByKey = Object.fromEntries(blockKinds.map((kind) => [kind.kind, kind]));
const firstKind = blockKinds[0];

export function blockKind(key) {
  return kindsByKey[key] || firstKind;
}

// A new block of a kind, as the server starts it ({kind: "item", label: "a)", text: ""}).
export function newBlock(key) {
  return structuredClone(blockKind(key).start);
}

// --- appendix columns: types {key, name}; formulas {key, name, operands, shown, shown_percent, result}

export const columnTypes = data.column_types;
export const formulas = data.formulas;

export function formula(key) {
  return formulas.find((f) => f.key === key);
}

// --- section numerals: I, II, … (docgen.vietnamese.vn.roman) ----------------------------------

export function numeral(n) {
  return data.numerals[n - 1] || String(n);
}
