// Nothing typed is lost: the plan is saved in this browser (localStorage) a
// moment after every change the clerk makes (opening a plan is not one). On
// the next visit, a draft that differs from the plan being opened is offered
// back ("Khôi phục") or dropped ("Bỏ bản nháp"); until the clerk chooses,
// the old draft is not overwritten.

import { debounce, store } from "./store.js";

export const DRAFT_KEY = "docgen.draft.v1";

export function readDraft() {
  try {
    const draft = JSON.parse(localStorage.getItem(DRAFT_KEY) || "null");
    return draft && typeof draft.plan === "object" ? draft : null;
  } catch (_) {
    return null;
  }
}

export function autosaver({ status, source }) {
  let paused = false;
  let currentSource = source;

  const saveNow = () => {
    if (paused) {
      status.textContent = "Chưa lưu tạm: hãy chọn Khôi phục hoặc Bỏ bản nháp cũ.";
      return;
    }
    try {
      localStorage.setItem(DRAFT_KEY, JSON.stringify({
        plan: store.plan, source: currentSource, savedAt: new Date().toISOString(),
      }));
      status.textContent = `Đã lưu tạm trên máy này lúc ${new Date().toLocaleTimeString("vi-VN")}.`;
    } catch (_) {
      status.textContent = "Không lưu tạm được (bộ nhớ trình duyệt đầy hoặc bị chặn): hãy Xuất JSON để giữ bản này.";
    }
  };

  return {
    save: debounce(saveNow, 300),
    saveNow,
    pause() { paused = true; },
    resume() { paused = false; },
    setSource(next) { currentSource = next; },
    discard() { localStorage.removeItem(DRAFT_KEY); },
  };
}
