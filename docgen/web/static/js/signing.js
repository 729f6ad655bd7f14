// "Ký số" and "Ký số cơ quan và phát hành" for a key that is not on the
// server: the officer's USB token through the signing tool on their own
// computer (docgen local-signer, protocol in docgen/signing/local_signer.py),
// or a remote-signing service confirmed on the phone (CSC). A key on the
// server (HSM, PKCS#12) keeps the plain form POST.
//
// Token: pair with the tool (its code, once per browser), read the token's
// certificates, ask the server to prepare the document for one of them
// (the server checks it is the officer's), have the tool sign the digest
// with the PIN typed here (sent to 127.0.0.1 only, never to the server),
// send the signature to the server, which checks, timestamps and stores it.
// Phone: the server asks the provider; this page polls it, counts the time
// down, and can cancel.

import { postJSON } from "./api.js";

const PAIRED = "docgen.localSignerToken";
const $ = (id) => document.getElementById(id);

const form = document.querySelector("#sign-form, #seal-form");
if (form && (form.dataset.method === "token" || form.dataset.method === "csc")) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const run = form.dataset.method === "token" ? withToken : withPhone;
    run(form).catch((error) => fail(error.message || String(error)));
  });
}

let current = null; // the waiting request's id
let stopped = false;

function show(text, alert = false) {
  const status = $("signing-status");
  status.textContent = text;
  status.setAttribute("role", alert ? "alert" : "status");
  $("signing-dialog").hidden = false;
}

function fail(text) {
  show(text, true);
  $("pin-box").hidden = $("pairing").hidden = $("signing-countdown").hidden = true;
  $("signing-continue").hidden = true;
  $("signing-cancel").textContent = "Đóng";
  form.querySelector("button[type=submit]").disabled = false;
}

function nextClick() {
  const button = $("signing-continue");
  button.hidden = false;
  return new Promise((resolve) => button.addEventListener("click", resolve, { once: true }));
}

$("signing-cancel").addEventListener("click", async () => {
  stopped = true;
  if (current) {
    const answer = await postJSON(`/signing/${current}/cancel`, {});
    const data = await answer.json().catch(() => ({}));
    current = null;
    fail(data.message || "Đã hủy yêu cầu ký số; văn bản chưa được ký.");
  } else {
    $("signing-dialog").hidden = true;
    form.querySelector("button[type=submit]").disabled = false;
  }
});

async function server(url, body) {
  const answer = await postJSON(url, body);
  let data = {};
  try { data = await answer.json(); } catch (_) { /* not JSON */ }
  if (!answer.ok && !data.message) {
    const first = Array.isArray(data.errors) && data.errors[0];
    data = { state: "error", message: (first && first.message) || `Máy chủ trả lời lỗi ${answer.status}.` };
  }
  return data;
}

function finished(data) {
  if (data.state === "done") {
    show(data.message);
    window.location.reload();
    return true;
  }
  if (data.state !== "waiting") {
    current = null;
    fail(data.message);
    return true;
  }
  return false;
}

// --- the officer's token, through the local signing tool ------------------------------

const UNREACHABLE = "Không kết nối được công cụ ký số trên máy tính của bạn: hãy mở công cụ ký số "
  + "(docgen local-signer) và cắm thiết bị ký số, rồi bấm ký lại.";

async function local(path, init = {}) {
  const base = form.dataset.localSigner.replace(/\/$/, "");
  const headers = { "Content-Type": "application/json" };
  const paired = localStorage.getItem(PAIRED);
  if (paired) headers.Authorization = `Bearer ${paired}`;
  let answer;
  try {
    answer = await fetch(base + path, { ...init, headers, mode: "cors", credentials: "omit" });
  } catch (_) {
    throw new Error(UNREACHABLE);
  }
  const data = await answer.json().catch(() => ({}));
  return { status: answer.status, data };
}

async function pair() {
  $("pairing").hidden = false;
  show("Nhập mã ghép nối đang hiển thị trên cửa sổ công cụ ký số, rồi bấm Tiếp tục.");
  $("pairing-code").focus();
  for (;;) {
    await nextClick();
    if (stopped) throw new Error("Đã hủy.");
    const { status, data } = await local("/v1/pair", {
      method: "POST", body: JSON.stringify({ code: $("pairing-code").value.trim() }),
    });
    if (status === 200) {
      localStorage.setItem(PAIRED, data.token);
      $("pairing").hidden = true;
      return;
    }
    show(data.message || "Mã ghép nối không đúng.", true);
  }
}

async function withToken() {
  stopped = false;
  form.querySelector("button[type=submit]").disabled = true;
  show("Đang đọc chứng thư số trên thiết bị ký số…");
  let found = await local("/v1/certificates");
  if (found.status === 401) {
    localStorage.removeItem(PAIRED);
    await pair();
    found = await local("/v1/certificates");
  }
  if (found.status !== 200) throw new Error(found.data.message || UNREACHABLE);
  const chains = found.data.certificates.map((certificate) => certificate.chain);
  show("Đang chuẩn bị văn bản để ký…");
  const started = await server(form.dataset.signing, { chains });
  if (finished(started)) return;
  current = started.request;
  $("pin-box").hidden = false;
  show(`Nhập mã PIN của thiết bị ký số để ký ${started.document}, rồi bấm Tiếp tục.`);
  $("token-pin").focus();
  for (;;) {
    await nextClick();
    if (stopped) return;
    $("signing-continue").hidden = true;
    show("Thiết bị ký số đang ký…");
    const signed = await local("/v1/sign", {
      method: "POST",
      body: JSON.stringify({
        certificate: started.certificate, digest: started.digest, algorithm: started.algorithm,
        pin: $("token-pin").value, document: started.document,
      }),
    });
    $("token-pin").value = "";
    if (signed.status === 401 && signed.data.error === "pin_incorrect") {
      show(signed.data.message, true);
      continue;
    }
    if (signed.status !== 200) {
      await server(`/signing/${current}/cancel`, {});
      current = null;
      throw new Error(signed.data.message || UNREACHABLE);
    }
    $("pin-box").hidden = true;
    show("Đang gắn dấu thời gian và kiểm tra chữ ký…");
    const done = await server(`/signing/${current}/signature`, { signature: signed.data.signature });
    finished(done);
    return;
  }
}

// --- remote signing, confirmed on the phone ------------------------------------------

async function withPhone() {
  stopped = false;
  form.querySelector("button[type=submit]").disabled = true;
  show("Đang gửi yêu cầu ký tới dịch vụ ký số từ xa…");
  const started = await server(form.dataset.signing, {});
  if (finished(started)) return;
  current = started.request;
  let seconds = started.seconds;
  show("Đã gửi yêu cầu ký tới ứng dụng ký số trên điện thoại của bạn: hãy mở ứng dụng và xác nhận.");
  $("signing-countdown").hidden = false;
  $("signing-seconds").textContent = String(seconds);
  const tick = setInterval(() => {
    seconds = Math.max(0, seconds - 1);
    $("signing-seconds").textContent = String(seconds);
  }, 1000);
  try {
    while (!stopped && current) {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      if (stopped || !current) return;
      const progress = await server(`/signing/${current}/poll`, {});
      if (finished(progress)) return;
      seconds = progress.seconds;
      $("signing-seconds").textContent = String(seconds);
    }
  } finally {
    clearInterval(tick);
  }
}
