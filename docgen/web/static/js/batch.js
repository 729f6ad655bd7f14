// The batch job page: polls the job's status until it is done or failed;
// once done it reloads, and the server lists the rows not made and the checks.

const card = document.getElementById("batch-job");
const bar = document.getElementById("batch-progress");
const status = document.getElementById("batch-status");
const title = document.getElementById("batch-title");
const expiry = document.getElementById("batch-expiry");
const notice = document.getElementById("batch-notice");

function show(job) {
  if (job.state === "done") {
    window.location.reload();
    return;
  }
  card.dataset.state = job.state;
  bar.max = Math.max(job.total, 1);
  bar.value = job.done;
  status.textContent = job.message || "Đang chờ đến lượt…";
  title.textContent = job.title;
  // No worker alive to take the job: said once, not re-announced at each poll.
  if (notice.textContent !== (job.notice || "")) notice.textContent = job.notice || "";
  notice.hidden = !job.notice;
  if (job.expires) {
    expiry.textContent = `Tệp của lô này được giữ đến ${job.expires}, sau đó tự xóa.`;
    expiry.hidden = false;
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
