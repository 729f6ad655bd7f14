// The start page: the unfinished drafts kept in this browser, to go on with;
// "Mở từ file Word" opens the file as soon as it is chosen; an import error
// on pasted text is focused (the text stays in its box, sent back by the server).

import { listOnStartPage } from "./restore.js";

const card = document.getElementById("unfinished-drafts");
if (card) listOnStartPage(card);

const wordFile = document.getElementById("word-file");
// With scripts the file opens when chosen; "Mở" is for a browser without them.
const wordSubmit = document.getElementById("word-submit");
if (wordSubmit) wordSubmit.hidden = true;
wordFile?.addEventListener("change", () => {
  if (!wordFile.files.length) return;
  document.getElementById("word-name").textContent = `Đang đọc ${wordFile.files[0].name}…`;
  wordFile.form.requestSubmit();
});

const pasteForm = document.getElementById("paste-form");
pasteForm?.addEventListener("submit", () => {
  document.getElementById("paste-submit").textContent = "Đang đọc…";
});

const pasteError = document.getElementById("paste-error");
if (pasteError) {
  pasteError.scrollIntoView({ block: "center" });
  pasteError.focus();
}
