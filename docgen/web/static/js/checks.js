// Live checks: a moment after typing stops, the plan goes to POST
// /api/check, which runs what `docgen check` runs on a plan file. Each
// finding is shown beside the field it concerns (path), with its severity
// (Lỗi, Cảnh báo, Lưu ý), and all of them are listed in the panel above the
// preview, those about the whole document (no field) included. Requests are
// numbered: an answer to an older request never replaces a newer one.

import { postJSON } from "./api.js";
import { clear, h, say } from "./dom.js";
import { focusField, placeUnderGrid, target } from "./errors.js";
import { docNoun, severityWord } from "./vocabulary.js";
import { debounce, store } from "./store.js";

export const CHECK_DELAY = 600;

function note(finding) {
  return h("p", { class: `field-finding finding-${finding.severity}`, "data-code": finding.code },
    h("span", { class: "severity", text: severityWord(finding.severity) }), " ",
    finding.message, h("span", { class: "finding-advice", text: ` — ${finding.advice}` }));
}

// A note (a check finding, an import warning) beside the field it concerns.
export function placeNote(element, item) {
  if (placeUnderGrid(element, item)) return;
  if (element.matches("input, textarea, select")) {
    const field = element.closest(".field, td") || element.parentElement;
    // A short field in a row (Số mục, Ký hiệu): the note takes the row's width, under it.
    const row = field.parentElement?.classList.contains("row") ? field.parentElement : null;
    if (row) {
      item.dataset.for = element.dataset.path;
      row.after(item);
    } else {
      field.append(item);
    }
  } else {
    const title = element.querySelector(":scope > legend, :scope > .item-tools, :scope > h3");
    if (title) title.after(item); else element.prepend(item);
  }
}

// badge: beside the "Xem trước" tab on narrow screens, where the panel is
// out of sight while the form is shown.
export function checker({ form, panel, badge }) {
  const list = panel.querySelector("ul");
  const status = panel.querySelector(".check-status");
  let controller = null;
  let sent = 0;
  let retry = null;
  let findings = [];

  function show() {
    form.querySelectorAll(".field-finding").forEach((node) => node.remove());
    clear(list);
    for (const finding of findings) {
      const element = finding.path ? target(form, finding.path) : null;
      if (element) placeNote(element, note(finding));
      const where = finding.label
        ? h("button", { type: "button", class: "link", text: finding.label,
          onclick: () => focusField(form, finding.path) })
        : h("span", { class: "where", text: "Cả văn bản" });
      list.append(h("li", { class: `finding finding-${finding.severity}`, "data-code": finding.code,
        "data-field-path": finding.path },
        h("p", {}, h("span", { class: "severity", text: severityWord(finding.severity) }), " ", where,
          h("span", { class: "finding-where", text: ` · ${finding.where}` })),
        h("p", { class: "finding-message", text: finding.message }),
        h("p", { class: "finding-advice", text: finding.advice })));
    }
    const counts = ["error", "warning", "info"]
      .map((severity) => [findings.filter((f) => f.severity === severity).length, severityWord(severity)])
      .filter(([count]) => count > 0)
      .map(([count, word]) => `${count} ${word.toLowerCase()}`);
    panel.dataset.count = String(findings.length);
    if (badge) {
      badge.hidden = findings.length === 0;
      badge.textContent = ` · ${findings.length}`;
      badge.title = counts.join(", ");
      badge.className = `check-badge${findings.some((f) => f.severity === "error") ? " has-errors" : ""}`;
    }
    if (panel.dataset.state !== "ready") return; // the count is said once an answer is in
    say(status, findings.length
      ? `${findings.length} vấn đề: ${counts.join(", ")}.`
      : "Không phát hiện vấn đề về thể thức và nội dung.");
  }

  async function update() {
    sent += 1;
    const number = sent;
    controller?.abort();
    controller = new AbortController();
    clearTimeout(retry);
    panel.dataset.state = "checking";
    try {
      const response = await postJSON("/api/check", store.plan, controller.signal);
      const data = response.ok ? await response.json() : null;
      if (number !== sent) return; // a newer request was sent meanwhile
      if (response.status === 503) {
        // Every parsing worker of the server is busy: the findings shown
        // stay, marked as not current, and the check runs again shortly.
        panel.dataset.state = "stale";
        status.textContent = "Máy chủ đang bận; sẽ kiểm tra lại sau ít giây.";
        const seconds = Number(response.headers.get("Retry-After")) || 5;
        retry = setTimeout(() => { if (number === sent) update(); }, seconds * 1000);
        return;
      }
      if (!data) {
        // No findings for a plan that does not validate: the old ones may
        // no longer be true, and the field errors say what to fix first.
        findings = [];
        show();
        panel.dataset.state = "stale";
        say(status, response.status === 422
          ? `Chưa kiểm tra được thể thức: ${docNoun()} còn lỗi nhập liệu (ghi bên cạnh từng ô).`
          : `Chưa kiểm tra được thể thức: máy chủ trả lời lỗi ${response.status}.`);
        return;
      }
      findings = data.findings;
      panel.dataset.state = "ready";
      panel.dataset.version = String(number);
      show();
    } catch (error) {
      if (error.name === "AbortError" || number !== sent) return;
      panel.dataset.state = "stale";
      say(status, "Không kết nối được máy chủ; chưa kiểm tra được thể thức.");
    }
  }

  return { schedule: debounce(update, CHECK_DELAY), now: update, reapply: show };
}
