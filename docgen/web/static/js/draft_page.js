// The draft page: says when this browser keeps edits of this draft that are
// not saved on the server (autosave.js writes them while the clerk types in
// the editor and drops them once they are saved), since "Trình ký phiên
// bản N" submits the saved version N, not those edits.

import { continueUrl, savedWhen } from "./restore.js";
import { listDrafts } from "./autosave.js";
import { h } from "./dom.js";

const notice = document.getElementById("local-edits");
if (notice) {
  const draftId = Number(notice.dataset.draftId);
  const head = Number(notice.dataset.head);
  const local = listDrafts().filter((draft) => draft.draftId === draftId);
  if (local.length) {
    const newest = local[0];
    const over = newest.baseVersion && newest.baseVersion !== head
      ? ` (sửa từ phiên bản ${newest.baseVersion}; phiên bản hiện tại là ${head})` : "";
    notice.append(h("p", {},
      h("strong", { text: "Máy này còn nội dung sửa chưa lưu" }),
      ` của dự thảo này, lưu tạm lúc ${savedWhen(newest)}${over}. `
        + `“Trình ký phiên bản ${head}” trình bản đã lưu, không gồm nội dung đó. `,
      h("a", { class: "button", id: "open-local-edits", href: continueUrl(newest),
        text: "Mở nội dung chưa lưu để lưu" })));
    notice.dataset.announce = "";  // said with the page's other messages (page.js)
    notice.hidden = false;
  }
}
