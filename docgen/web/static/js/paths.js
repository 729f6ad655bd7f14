// Reading and writing the plan JSON at a path: ["sections", 0, "title"].

export function getIn(object, path) {
  let value = object;
  for (const key of path) {
    if (value === undefined || value === null) return undefined;
    value = value[key];
  }
  return value;
}

export function setIn(object, path, value) {
  let target = object;
  path.slice(0, -1).forEach((key, index) => {
    if (target[key] === undefined || target[key] === null || typeof target[key] !== "object") {
      target[key] = typeof path[index + 1] === "number" ? [] : {};
    }
    target = target[key];
  });
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(target)) target[last] = null;
    else delete target[last];
  } else {
    target[last] = value;
  }
}

export function pathKey(path) {
  return path.join(".");
}
