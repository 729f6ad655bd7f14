// The plan being edited: one JSON object, the same one the API receives.
// Widgets write into it; listeners (autosave, preview, error display) hear
// about every change.

import { getIn, setIn } from "./paths.js";

const listeners = [];

export const store = {
  plan: {},

  get(path) {
    return getIn(this.plan, path);
  },

  // A value typed into a field: the form is not rebuilt.
  set(path, value) {
    setIn(this.plan, path, value);
    this.changed({ path, structural: false });
  },

  // Anything else (a list item added, moved, removed; a new plan loaded).
  changed(change = { structural: true }) {
    for (const listener of listeners) listener(change);
  },

  listen(listener) {
    listeners.push(listener);
  },
};

// Calls fn once typing has paused for `wait` ms.
export function debounce(fn, wait) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}
