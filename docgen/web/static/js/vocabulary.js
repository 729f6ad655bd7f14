// Words and lists the server owns and the page carries (#vocabulary): the
// form's field labels by path pattern (docgen/plan/labels.py: "header.place" ->
// "Địa danh"), the severity words of the checks (Lỗi, Cảnh báo, Lưu ý), and
// the lists of docgen/plan/vocabulary.py: block kinds, column types and
// formulas, section numerals. The browser keeps no copy of its own.

const node = document.getElementById("vocabulary");
const data = node ? JSON.parse(node.textContent)
  : { labels: {}, severities: {}, blocks: [], column_types: [], formulas: [], numerals: [] };

// The label of a field by its path pattern ("sections.*.title"); an item's
// number fills {n} ("Nơi nhận {n}").
export function label(pattern, n) {
  const found = data.labels[pattern];
  if (found === undefined) throw new Error(`no label for ${pattern}`);
  return found.replace("{n}", String(n));
}

// The document's type as the server names it (#doc-type: docgen.doctypes):
// "Kế hoạch" / "kế hoạch", "Báo cáo" / "báo cáo".
const typeNode = document.getElementById("doc-type");
const type = typeNode ? JSON.parse(typeNode.textContent) : { name: "Văn bản", noun: "văn bản" };

export function docName() {
  return type.name;
}

export function docNoun() {
  return type.noun;
}

export function severityWord(severity) {
  return data.severities[severity] || severity;
}

// --- block kinds: {kind, name, fields, start, then} -----------------------------

export const blockKinds = data.blocks;
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
