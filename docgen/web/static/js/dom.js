// Building DOM nodes without HTML strings: every text goes in through
// textContent or a text node, so nothing the clerk types is ever parsed.

export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name === "value") node.value = value;
    else if (name === "checked") node.checked = Boolean(value);
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// A live region's text, changed only when it says something new: setting
// the same text again would have a screen reader read it again.
export function say(node, text) {
  if (node && node.textContent !== text) node.textContent = text;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

// "sections.0.blocks.2.text" -> an id usable by <label for>.
export function fieldId(path) {
  return "f-" + path.join("-");
}
