// Import warnings: what POST /api/import (or the start page's "Mở từ file
// Word" / "Dán văn bản") could not place or had to infer, each
// {paragraph, message, path, label}. Shown beside the field it concerns
// (the way check findings are, placeNote) and listed in the panel at the
// top with the summary; a warning about no field is in the list only. They
// stay until the clerk closes the panel: they are about the source, not
// about what is typed since.

import { placeNote } from "./checks.js";
import { clear, h } from "./dom.js";
import { focusField, target } from "./errors.js";

export function importNotes({ form, panel }) {
  const list = panel.querySelector(".import-warnings");
  const said = panel.querySelector("#import-summary");
  let warnings = [];

  function note(warning) {
    const where = warning.paragraph ? `đoạn ${warning.paragraph} của văn bản gốc: ` : "";
    return h("p", { class: "import-warning", "data-warning-for": warning.path },
      h("span", { class: "severity", text: "Khi nhập" }), " ", `${where}${warning.message}`);
  }

  function place() {
    form.querySelectorAll(".import-warning").forEach((node) => node.remove());
    for (const warning of warnings) {
      const element = warning.path ? target(form, warning.path) : null;
      if (element) placeNote(element, note(warning));
    }
  }

  function show(found, summary) {
    warnings = Array.isArray(found) ? found : [];
    clear(list);
    for (const warning of warnings) {
      const where = warning.path
        ? h("button", { type: "button", class: "link", text: warning.label || warning.path,
          onclick: () => focusField(form, warning.path) })
        : h("span", { class: "where", text: "Cả văn bản" });
      list.append(h("li", { class: "import-warning-item", "data-field-path": warning.path },
        where, warning.paragraph ? ` (đoạn ${warning.paragraph})` : "", `: ${warning.message}`));
    }
    said.textContent = summary || "";
    panel.hidden = !summary && warnings.length === 0;
    place();
  }

  panel.querySelector("#import-close").addEventListener("click", () => show([], ""));
  return { show, reapply: place };
}
