// The review page's printed pages: asks the server for the draft's PDF pages
// (converted by LibreOffice, cached by content) and shows each as an image.

import { h } from "./dom.js";

const section = document.getElementById("pages");
const status = document.getElementById("pages-status");
const list = document.getElementById("page-images");

async function load() {
  let response;
  try {
    response = await fetch(section.dataset.src, { credentials: "same-origin" });
  } catch (_) {
    status.textContent = "Mất kết nối tới máy chủ nên chưa hiện được các trang in; hãy tải lại trang.";
    return;
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const reason = (body.errors || []).map((e) => e.message).join(" ");
    status.textContent = reason || `Chưa hiện được các trang in (lỗi ${response.status}).`;
    section.dataset.state = "failed";
    return;
  }
  list.replaceChildren(...body.images.map((src, index) => h("li", {},
    h("img", { src, alt: `Trang ${index + 1}/${body.pages}`, loading: "lazy", "data-page": index + 1 }))));
  status.textContent = `Phiên bản ${body.version}: ${body.pages} trang, đúng như khi in (LibreOffice dàn trang).`;
  list.hidden = false;
  section.dataset.state = "ready";
}

if (section) load();
