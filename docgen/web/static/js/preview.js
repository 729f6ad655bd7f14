// The live preview: the plan goes to POST /api/preview a moment after the
// clerk stops typing. The answer is an HTML fragment rendered and escaped
// by the server (Jinja autoescape); it is parsed into an inert document
// with DOMParser and its nodes moved in: no script runs, no user string is
// ever put into HTML here. A plan with errors keeps the last good preview,
// marked stale, and the errors go beside the fields.

import { errorsOf, postJSON } from "./api.js";
import { h } from "./dom.js";
import { docNoun } from "./vocabulary.js";
import { debounce, store } from "./store.js";

export function previewer({ container, status, onErrors }) {
  let controller = null;
  let version = 0;

  async function update() {
    controller?.abort();
    controller = new AbortController();
    container.dataset.state = "loading";
    let response;
    try {
      response = await postJSON("/api/preview", store.plan, controller.signal);
    } catch (error) {
      if (error.name === "AbortError") return;
      container.dataset.state = "stale";
      status.textContent = "Không kết nối được máy chủ; bản xem trước chưa cập nhật. Nội dung vẫn được lưu tạm.";
      return;
    }
    if (response.ok) {
      const html = await response.text();
      const fragment = new DOMParser().parseFromString(html, "text/html");
      container.replaceChildren(...fragment.body.childNodes);
      version += 1;
      container.dataset.version = String(version);
      container.dataset.state = "ready";
      status.textContent = `Bản xem trước đã cập nhật lúc ${new Date().toLocaleTimeString("vi-VN")}.`;
      onErrors([]);
      return;
    }
    const errors = await errorsOf(response);
    container.dataset.state = "stale";
    if (response.status === 422) {
      status.textContent = `Bản xem trước chưa cập nhật: ${docNoun()} còn ${errors.length} lỗi (ghi bên cạnh từng ô).`;
      if (version === 0) {
        container.replaceChildren(h("p", { class: "preview-empty",
          text: `Bản xem trước hiện ra khi ${docNoun()} đã đủ các phần bắt buộc: `
            + "cơ quan ban hành, địa danh, ngày tháng, trích yếu, người ký." }));
      }
      onErrors(errors);
    } else {
      status.textContent = errors.map((e) => e.message).join(" ");
    }
  }

  return { schedule: debounce(update, 450), now: update };
}
