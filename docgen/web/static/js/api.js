// Calls to the JSON API. Same-origin, with the session's CSRF token in a
// header (see docgen/web/security.py for the rule).

const token = () => document.querySelector('meta[name="csrf-token"]').content;

async function send(url, init) {
  const response = await fetch(url, {
    credentials: "same-origin",
    ...init,
    headers: { "X-CSRF-Token": token(), ...(init.headers || {}) },
  });
  return response;
}

export function postJSON(url, body, signal) {
  return send(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
}

// fields: further form fields sent with the file ({name: text}).
export function postFile(url, file, fields = {}) {
  const form = new FormData();
  form.append("file", file);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return send(url, { method: "POST", body: form });
}

// The field errors of an error answer; a non-JSON answer (a proxy's page,
// a dropped connection) becomes one general message.
export async function errorsOf(response) {
  try {
    const data = await response.json();
    if (Array.isArray(data.errors)) return data.errors;
  } catch (_) { /* not JSON */ }
  return [{ path: "", message: `Máy chủ trả lời lỗi ${response.status}.` }];
}

export function filenameOf(response, fallback) {
  const header = response.headers.get("Content-Disposition") || "";
  const match = /filename="?([^";]+)"?/.exec(header);
  return match ? match[1] : fallback;
}

export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
