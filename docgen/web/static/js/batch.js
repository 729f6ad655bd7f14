// The batch job page: polls the job's status until it is done or failed.

const card = document.getElementById("batch-job");
const bar = document.getElementById("batch-progress");
const status = document.getElementById("batch-status");
const result = document.getElementById("batch-result");
const link = document.getElementById("batch-download");
const title = document.getElementById("batch-title");
const expiry = document.getElementById("batch-expiry");
const notice = document.getElementById("batch-notice");
const TITLES = { done: "Đã tạo xong các văn bản", failed: "Không tạo được lô văn bản" };

function show(job) {
  card.dataset.state = job.state;
  bar.max = Math.max(job.total, 1);
  bar.value = job.done;
  status.textContent = job.message || "Đang chờ đến lượt…";
  title.textContent = TITLES[job.state] || "Đang tạo các văn bản";
  // No worker alive to take the job: said once, not re-announced at each poll.
  if (notice.textContent !== (job.notice || "")) notice.textContent = job.notice || "";
  notice.hidden = !job.notice;
  if (job.expires) {
    expiry.textContent = `Tệp của lô này được giữ đến ${job.expires}, sau đó tự xóa.`;
    expiry.hidden = false;
  }
  if (job.state === "done") {
    link.href = job.download;
    result.hidden = false;
  }
}

async function poll() {
  try {
    const response = await fetch(card.dataset.statusUrl, { credentials: "same-origin" });
    if (response.ok) {
      const job = await response.json();
      show(job);
      if (job.state === "done" || job.state === "failed") return;
    } else {
      status.textContent = `Không đọc được trạng thái (lỗi ${response.status}); đang thử lại…`;
    }
  } catch (_) {
    status.textContent = "Mất kết nối tới máy chủ; đang thử lại…";
  }
  setTimeout(poll, 500);
}

if (card.dataset.state !== "done" && card.dataset.state !== "failed") poll();
