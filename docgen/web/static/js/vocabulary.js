// Words the server owns and the page carries (#vocabulary): the form's
// field labels by path pattern (docgen/labels.py: "header.place" ->
// "Địa danh") and the severity words of the checks (Lỗi, Cảnh báo, Lưu ý).
// The browser keeps no copy of its own.

const node = document.getElementById("vocabulary");
const data = node ? JSON.parse(node.textContent) : { labels: {}, severities: {} };

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
