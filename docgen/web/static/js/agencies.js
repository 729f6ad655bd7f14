// The directory of agencies (danh bạ cơ quan, GET /api/agencies?q=) for a
// recipient's name: the names found are offered in a datalist as the clerk
// types; a name chosen from it fills the recipient's mã định danh. Without
// an account (no directory) the fields are plain text.

import { h } from "./dom.js";
import { pathKey } from "./paths.js";
import { store } from "./store.js";

const found = new Map(); // name -> code, of the last answers
let list = null;
let timer = null;

function datalist() {
  if (!list) {
    list = h("datalist", { id: "agency-names" });
    document.body.append(list);
  }
  return list;
}

async function lookUp(text) {
  if (!document.getElementById("draft-tools") || text.trim().length < 2) return;
  let response;
  try {
    response = await fetch(`/api/agencies?q=${encodeURIComponent(text.trim())}`, { credentials: "same-origin" });
  } catch (_) {
    return; // offline: the field stays plain text
  }
  if (!response.ok) return;
  const agencies = await response.json();
  const options = datalist();
  options.replaceChildren(...agencies.map(({ code, name }) => {
    found.set(name, code);
    return h("option", { value: name, label: `${name} (${code})` });
  }));
}

// Binds the name input of the recipient at ``path`` to the directory.
export function offerAgencies(nameField, path) {
  const input = nameField.querySelector("input");
  if (!input) return nameField;
  input.setAttribute("list", datalist().id);
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => lookUp(input.value), 250);
    const code = found.get(input.value.trim());
    if (code) {
      store.set([...path, "code"], code);
      const codeInput = document.querySelector(`[data-path="${pathKey([...path, "code"])}"]`);
      if (codeInput) codeInput.value = code;
    }
  });
  return nameField;
}
