// Appendices (Phụ lục): title, options, columns (entered or computed) and a
// grid of rows. A block pasted from Excel or a .xlsx/.csv file fills the
// grid; computed columns and the total row come from POST /api/table as
// the clerk types, so the figures are the ones the document will print.

import { errorsOf, postFile, postJSON } from "./api.js";
import { clear, h } from "./dom.js";
import { button, checkbox, field, listEditor, select } from "./fields.js";
import { fitToColumns, parseTabular } from "./paste.js";
import { debounce, store } from "./store.js";

const TYPES = [["text", "Chữ"], ["number", "Số"], ["percent", "Tỷ lệ %"]];
const FORMULAS = [["", "Nhập tay"], ["ratio", "Tỷ lệ a / b"], ["difference", "Hiệu a − b"],
  ["per_day", "Chia đều theo ngày của đợt"]];
const ARITY = { ratio: 2, difference: 2, per_day: 1 };

function newAppendix() {
  return {
    title: "",
    columns: [{ key: "don_vi", title: "Đơn vị", type: "text" }],
    rows: [],
    numbered: true,
    total: true,
    total_label: "TỔNG",
  };
}

export function appendicesEditor() {
  return listEditor({
    path: ["appendices"], className: "appendices",
    itemTitle: (i) => `Phụ lục ${i + 1}`,
    renderItem: (path) => appendixEditor(path),
    newItem: newAppendix, addLabel: "+ Thêm phụ lục",
  });
}

function appendixEditor(path) {
  const appendix = () => store.get(path);
  const gridBox = h("div", { class: "grid-box" });
  const sortBox = h("div", { class: "row sort" });
  let columnsList;

  const rebuild = () => { buildGrid(path, gridBox, rebuild); buildSort(path, sortBox); };

  columnsList = listEditor({
    path: [...path, "columns"], title: "Cột", className: "columns",
    itemTitle: (i, column) => `Cột ${i + 1}${column?.compute ? " (tự tính)" : ""}`,
    renderItem: (p) => columnFields(p,
      () => { columnsList.refresh(); rebuild(); store.changed({ structural: true }); },
      debounce(rebuild, 300)),
    newItem: () => {
      const taken = (appendix().columns || []).map((c) => c.key);
      let n = taken.length + 1;
      while (taken.includes(`cot_${n}`)) n += 1;
      return { key: `cot_${n}`, title: `Cột ${n}`, type: "number" };
    },
    addLabel: "+ Thêm cột", onChange: rebuild,
  });

  const box = h("div", { class: "appendix" },
    field({ path: [...path, "title"], label: "Tên phụ lục", placeholder: "CHỈ TIÊU KÍCH HOẠT TÀI KHOẢN …" }),
    field({ path: [...path, "subtitle"], label: "Dòng dưới tên (nếu có)", optional: true,
      placeholder: "(Từ ngày 01/9/2023 đến hết ngày 20/10/2023)" }),
    h("div", { class: "row options" },
      checkbox({ path: [...path, "numbered"], label: "Có cột STT", onChange: rebuild }),
      checkbox({ path: [...path, "total"], label: "Có dòng tổng", onChange: rebuild }),
      field({ path: [...path, "total_label"], label: "Chữ ở dòng tổng", className: "short" }),
      select({ path: [...path, "orientation"], label: "Khổ giấy", className: "short",
        options: [["auto", "Tự động (≥ 7 cột: ngang)"], ["portrait", "Dọc"], ["landscape", "Ngang"]] })),
    sortBox,
    columnsList,
    h("h3", { class: "list-title", text: "Số liệu" }),
    gridBox,
    pasteBox(path, () => { columnsList.refresh(); rebuild(); }));
  rebuild();
  return box;
}

function columnFields(path, structuralChange, titleChange) {
  const column = store.get(path);
  const title = field({ path: [...path, "title"], label: "Tên cột" });
  title.querySelector("input").addEventListener("input", titleChange);
  const formula = select({ path: [...path, "compute"], label: "Cách tính", options: FORMULAS, className: "short",
    onChange: (chosen) => {
      const current = store.get(path);
      if (chosen) {
        const appendixPath = path.slice(0, -2);
        const numeric = (store.get([...appendixPath, "columns"]) || [])
          .filter((c) => c.key !== current.key && c.type !== "text").map((c) => c.key);
        const of = (current.of || []).slice(0, ARITY[chosen]);
        while (of.length < ARITY[chosen]) of.push(numeric[of.length] || numeric[0] || "");
        current.of = of;
        if (current.type === "text") current.type = chosen === "ratio" ? "percent" : "number";
        (store.get([...appendixPath, "rows"]) || []).forEach((row) => delete row[current.key]);
      } else {
        delete current.of;
      }
      structuralChange();
    } });
  return [
    h("div", { class: "row" },
      title,
      keyField(path, structuralChange),
      select({ path: [...path, "type"], label: "Kiểu", options: TYPES, onChange: structuralChange,
        className: "short" })),
    h("div", { class: "row" },
      formula,
      column.compute ? ofFields(path, column) : null,
      column.type === "percent"
        ? field({ path: [...path, "decimals"], label: "Số lẻ", kind: "number", optional: true,
          placeholder: "2", className: "tiny" })
        : null),
  ];
}

function keyField(path, structuralChange) {
  const wrapper = field({ path: [...path, "key"], label: "Mã cột", className: "short",
    hint: "chữ thường không dấu" });
  const input = wrapper.querySelector("input");
  let previous = store.get([...path, "key"]);
  // Renaming a key moves the column's figures and every reference to it.
  input.addEventListener("change", () => {
    const next = input.value;
    const appendixPath = path.slice(0, -2);
    const appendix = store.get(appendixPath);
    for (const row of appendix.rows || []) {
      if (previous in row) { row[next] = row[previous]; delete row[previous]; }
    }
    for (const column of appendix.columns || []) {
      if (column.of) column.of = column.of.map((key) => (key === previous ? next : key));
    }
    if (appendix.sort && appendix.sort.by === previous) appendix.sort.by = next;
    previous = next;
    structuralChange();
  });
  return wrapper;
}

function ofFields(path, column) {
  const appendixPath = path.slice(0, -2);
  const keys = (store.get([...appendixPath, "columns"]) || []).filter((c) => c.key !== column.key);
  const names = column.compute === "per_day" ? ["Cột cần chia"] : ["Cột a", "Cột b"];
  return names.map((name, i) => select({ path: [...path, "of", i], label: name, className: "short",
    options: keys.map((c) => [c.key, c.title || c.key]) }));
}

function buildSort(path, box) {
  clear(box);
  const appendix = store.get(path);
  const by = h("select", { id: `sort-${path.join("-")}`, "data-path": [...path, "sort", "by"].join(".") },
    h("option", { value: "", text: "Giữ thứ tự nhập" }),
    (appendix.columns || []).map((c) => h("option", { value: c.key, text: c.title || c.key })));
  by.value = appendix.sort?.by || "";
  const descending = h("input", { type: "checkbox", id: `desc-${path.join("-")}`,
    checked: Boolean(appendix.sort?.descending) });
  const update = () => {
    store.set([...path, "sort"], by.value ? { by: by.value, descending: descending.checked } : undefined);
    descending.disabled = !by.value;
  };
  by.addEventListener("change", update);
  descending.addEventListener("change", update);
  descending.disabled = !by.value;
  box.append(
    h("div", { class: "field field-select" }, h("label", { for: by.id, text: "Sắp xếp theo cột" }), by),
    h("div", { class: "field field-check" }, descending,
      h("label", { for: descending.id, text: "Giảm dần (lớn trước)" })));
}

// --- the grid -----------------------------------------------------------------

function buildGrid(path, box, rebuild) {
  clear(box);
  const appendix = store.get(path);
  const columns = appendix.columns || [];
  if (!Array.isArray(appendix.rows)) appendix.rows = [];
  const rowsPath = [...path, "rows"];
  const table = h("table", { class: "grid", "data-path": rowsPath.join(".") });
  const headRow = h("tr", {}, appendix.numbered !== false ? h("th", { text: "STT" }) : null,
    columns.map((c) => h("th", { class: c.compute ? "computed" : null, scope: "col" },
      c.title || c.key, c.compute ? h("span", { class: "badge", text: "tự tính" }) : null)),
    h("th", { class: "actions" }, h("span", { class: "visually-hidden", text: "Thao tác" })));
  const body = h("tbody");
  const foot = h("tfoot");
  table.append(h("thead", {}, headRow), body, foot);
  const message = h("p", { class: "grid-message", role: "status" });
  const refreshTable = debounce(() => computeTable(path, body, foot, message), 250);

  const redraw = () => {
    fillBody(path, body, refreshTable, redraw, rebuild);
    refreshTable();
  };
  redraw();

  box.append(
    h("div", { class: "grid-scroll" }, table),
    message,
    h("div", { class: "grid-tools" },
      button("+ Thêm dòng", () => {
        appendix.rows.push({});
        redraw();
        store.changed({ path: rowsPath, structural: true });
        body.lastElementChild?.querySelector("input")?.focus();
      }, { class: "add", "data-action": "add-row" })));
}

function fillBody(path, body, refreshTable, redraw, rebuild) {
  clear(body);
  const appendix = store.get(path);
  const columns = appendix.columns || [];
  const rows = appendix.rows;
  rows.forEach((row, index) => {
    const rowPath = [...path, "rows", index];
    const tr = h("tr", { "data-path": rowPath.join(".") });
    if (appendix.numbered !== false) tr.append(h("td", { class: "stt", text: String(index + 1) }));
    columns.forEach((column, columnIndex) => {
      if (column.compute) {
        tr.append(h("td", { class: "computed num", "data-cell": column.key }));
        return;
      }
      const input = h("input", {
        type: "text", "data-path": [...rowPath, column.key].join("."),
        "aria-label": `${column.title || column.key}, dòng ${index + 1}`,
        class: column.type === "text" ? null : "num",
        value: row[column.key] === undefined || row[column.key] === null ? "" : String(row[column.key]),
        inputmode: column.type === "text" ? null : "decimal",
      });
      input.addEventListener("input", () => {
        // Kept as typed: the model reads figures written the Vietnamese way (16.283).
        store.set([...rowPath, column.key], input.value);
        refreshTable();
      });
      input.addEventListener("paste", (event) => {
        const text = event.clipboardData?.getData("text/plain") || "";
        if (!/[\t\n]/.test(text.replace(/\n$/, ""))) return;  // one cell: the browser pastes it
        event.preventDefault();
        const entered = columns.filter((c) => !c.compute);
        const before = columns.length;
        placeMatrix(path, parseTabular(text), { at: index, column: entered.indexOf(column) });
        if (store.get([...path, "columns"]).length !== before) {
          document.querySelector(`[data-path="${[...path, "columns"].join(".")}"]`)?.refresh?.();
          rebuild();
        } else {
          redraw();
        }
      });
      tr.append(h("td", {}, input));
    });
    const move = (by) => {
      const [item] = rows.splice(index, 1);
      rows.splice(index + by, 0, item);
      redraw();
      store.changed({ structural: true });
    };
    tr.append(h("td", { class: "actions" },
      button("↑", () => move(-1), { title: "Chuyển lên", "aria-label": `Chuyển dòng ${index + 1} lên`, disabled: index === 0 }),
      button("↓", () => move(1), { title: "Chuyển xuống", "aria-label": `Chuyển dòng ${index + 1} xuống`,
        disabled: index === rows.length - 1 }),
      button("✕", () => { rows.splice(index, 1); redraw(); store.changed({ structural: true }); },
        { class: "danger", title: "Xóa dòng", "aria-label": `Xóa dòng ${index + 1}` })));
    body.append(tr);
  });
}

// Puts a block of cells into the appendix: "replace" the rows, "append"
// them, or overwrite from a cell ({at, column}) as Excel does.
export function placeMatrix(path, matrix, where) {
  if (!matrix.length) return;
  const appendix = store.get(path);
  const fresh = !(appendix.rows || []).some((row) => Object.values(row).some((v) => String(v ?? "").trim()));
  const fitted = fitToColumns(appendix.columns || [], matrix, where.column || 0, fresh);
  appendix.columns = fitted.columns;
  if (where.mode === "replace") appendix.rows = fitted.rows;
  else if (where.mode === "append") appendix.rows.push(...fitted.rows);
  else {
    fitted.rows.forEach((row, i) => {
      appendix.rows[where.at + i] = { ...(appendix.rows[where.at + i] || {}), ...row };
    });
  }
  store.changed({ path: [...path, "rows"], structural: true });
}

function pasteBox(path, filled) {
  const id = `paste-${path.join("-")}`;
  const mode = h("select", { id: `${id}-mode`, "aria-label": "Khi dán" },
    h("option", { value: "replace", text: "Thay các dòng hiện có" }),
    h("option", { value: "append", text: "Thêm vào cuối" }));
  const area = h("textarea", { id, class: "paste-area", rows: 2,
    placeholder: "Dán (Ctrl+V) khối ô đã sao chép từ Excel vào đây; dòng đầu có thể là tên cột." });
  const status = h("p", { class: "hint", role: "status" });
  const apply = (matrix, origin) => {
    if (!matrix.length) { status.textContent = "Không có dòng nào để điền."; return; }
    const before = (store.get([...path, "columns"]) || []).length;
    placeMatrix(path, matrix, { mode: mode.value });
    const added = (store.get([...path, "columns"]) || []).length - before;
    const rows = store.get([...path, "rows"]).length;
    filled();
    status.textContent = `Đã điền từ ${origin}: bảng có ${rows} dòng` + (added ? `, thêm ${added} cột.` : ".");
  };
  area.addEventListener("paste", (event) => {
    event.preventDefault();
    apply(parseTabular(event.clipboardData?.getData("text/plain") || ""), "khối ô đã dán");
    area.value = "";
  });
  const file = h("input", { type: "file", id: `${id}-file`, accept: ".xlsx,.csv,.tsv,.txt" });
  file.addEventListener("change", async () => {
    if (!file.files.length) return;
    status.textContent = "Đang đọc tệp…";
    try {
      const response = await postFile("/api/appendix/rows", file.files[0]);
      if (!response.ok) {
        status.textContent = (await errorsOf(response)).map((e) => e.message).join(" ");
        return;
      }
      const data = await response.json();
      apply(data.rows.map((r) => r.map((c) => (typeof c === "number" ? c : String(c)))), file.files[0].name);
    } catch (_) {
      status.textContent = "Không gửi được tệp: kiểm tra kết nối rồi thử lại.";
    } finally {
      file.value = "";
    }
  });
  return h("div", { class: "paste-box" },
    h("label", { for: id, text: "Dán từ Excel" }), area,
    h("div", { class: "row" },
      h("div", { class: "field field-select" }, h("label", { for: mode.id, text: "Khi dán hoặc mở tệp" }), mode),
      h("div", { class: "field" }, h("label", { for: file.id, text: "Hoặc mở tệp .xlsx / .csv" }), file)),
    status);
}

let tableRequests = 0;

async function computeTable(path, body, foot, message) {
  const appendix = store.get(path);
  if (!appendix) return;
  const request = ++tableRequests;
  let response;
  try {
    response = await postJSON("/api/table", { appendix, campaign: store.get(["campaign"]) || null });
    if (request !== tableRequests) return;  // a later edit's answer is on its way
  } catch (_) {
    message.textContent = "Chưa tính được cột tự tính: mất kết nối tới máy chủ.";
    return;
  }
  if (!response.ok) {
    const errors = await errorsOf(response);
    message.textContent = "Chưa tính được: " + errors.map((e) => e.message).join("; ");
    return;
  }
  const data = await response.json();
  if (request !== tableRequests) return;
  message.textContent = "";
  const columns = appendix.columns || [];
  [...body.children].forEach((tr, index) => {
    for (const cell of tr.querySelectorAll("td.computed")) {
      cell.textContent = data.rows[index]?.[cell.dataset.cell] ?? "";
    }
  });
  clear(foot);
  if (data.total) {
    const label = columns.findIndex((c) => c.type === "text");
    const tr = h("tr", {}, appendix.numbered !== false ? h("td", { text: label < 0 ? appendix.total_label : "" }) : null);
    columns.forEach((column, i) => {
      const text = i === label ? appendix.total_label || "TỔNG" : data.total[column.key] || "";
      tr.append(h("td", { class: column.type === "text" ? null : "num", "data-total": column.key, text }));
    });
    tr.append(h("td"));
    foot.append(tr);
  }
}
