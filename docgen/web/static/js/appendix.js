// Appendices (Phụ lục): title, options, columns (entered or computed) and a
// grid of rows. A block pasted from Excel or a .xlsx/.csv file is read by
// the server (POST /api/appendix/paste, /api/appendix/rows: header, Excel's
// own total row, percent figures, computed columns to offer); computed
// columns and the total row come from POST /api/table as the clerk types or
// changes a column, so the figures are the ones the document will print.
// Every figure is read by the server's one reader (docgen/vietnamese/vn.py
// read_figure); once read, a cell shows the number used in its Vietnamese
// form (1,240 pasted from an English Excel shows 1.240), and a figure that
// reads two ways keeps its text and its error.

import { errorsOf, postFile, postJSON } from "./api.js";
import { clear, h } from "./dom.js";
import { button, checkbox, field, listEditor, select } from "./fields.js";
import { figureText } from "./figures.js";
import { parseTabular } from "./paste.js";
import { debounce, store } from "./store.js";
import { columnTypes, formula, formulas } from "./vocabulary.js";

// "Nhập tay": no formula, the figures are typed. The types and formulas are
// the server's (docgen/plan/model.py COLUMN_TYPES, FORMULAS, served in #vocabulary).
const TYPES = columnTypes.map((type) => [type.key, type.name]);
const FORMULA_CHOICES = [["", "Nhập tay"], ...formulas.map((f) => [f.key, f.name])];

const titleOf = (columns, key) => {
  const column = columns.find((c) => c.key === key);
  return `“${column ? column.title || column.key : key || "…"}”`;
};

// “Tỷ lệ” = “Đã kích hoạt” / “Chỉ tiêu” × 100: the operands by their titles,
// written as the server's formula says ({0}, {1}).
export function formulaText(column, columns) {
  const chosen = formula(column.compute);
  if (!chosen) return "";
  const shown = column.type === "percent" ? chosen.shown_percent : chosen.shown;
  const operands = column.of || [];
  return `${titleOf(columns, column.key)} = ${shown.replace(/\{(\d+)\}/g, (_, i) => titleOf(columns, operands[i]))}`;
}

// The operands a clerk means by default: of two figure columns, a table
// lists the target before what is done, and a rate is done / target (seed
// 002: Tỷ lệ = Đã kích hoạt / Chỉ tiêu), what remains target − done.
export function defaultOperands(columns, column, compute) {
  const at = columns.findIndex((c) => c.key === column.key);
  const all = columns.filter((c) => c.key !== column.key && c.type === "number" && !c.compute).map((c) => c.key);
  const before = all.filter((key) => columns.findIndex((c) => c.key === key) < at);
  const figures = before.length >= 2 || at < 0 ? (at < 0 ? all : before) : all;  // as Excel: left of the result
  if (compute === "per_day") {
    const remaining = columns.filter((c) => c.key !== column.key && c.compute === "difference").map((c) => c.key);
    return [remaining[0] || figures[figures.length - 1] || ""];
  }
  const [earlier, later] = figures.length >= 2 ? figures.slice(-2) : [figures[0] || "", figures[0] || ""];
  return compute === "ratio" ? [later, earlier] : [earlier, later];
}

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

  const report = h("div", { class: "paste-report", "aria-live": "polite" });
  const rebuild = () => {
    buildGrid(path, gridBox, rebuild, report);
    buildSort(path, sortBox);
    const columns = appendix().columns || [];
    for (const line of columnsList?.querySelectorAll("[data-formula]") || []) {
      const column = columns.find((c) => c.key === line.dataset.formula);
      if (column) line.textContent = formulaText(column, columns);
    }
  };

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
    report,
    pasteBox(path, () => { columnsList.refresh(); rebuild(); }, report));
  box.refreshColumns = () => columnsList.refresh();
  rebuild();
  return box;
}

function columnFields(path, structuralChange, titleChange) {
  const column = store.get(path);
  const appendixPath = path.slice(0, -2);
  const title = field({ path: [...path, "title"], label: "Tên cột" });
  title.querySelector("input").addEventListener("input", titleChange);
  const compute = select({ path: [...path, "compute"], label: "Cách tính", options: FORMULA_CHOICES, className: "short",
    onChange: (chosen) => {
      const current = store.get(path);
      if (chosen) {
        current.of = defaultOperands(store.get([...appendixPath, "columns"]) || [], current, chosen);
        const result = formula(chosen)?.result;
        if (result && (current.type === "text" || result === "percent")) current.type = result;
        (store.get([...appendixPath, "rows"]) || []).forEach((row) => delete row[current.key]);
      } else {
        delete current.of;
      }
      structuralChange();
    } });
  const decimals = column.type === "percent"
    ? field({ path: [...path, "decimals"], label: "Số lẻ", kind: "number", optional: true,
      placeholder: "2", className: "tiny" })
    : null;
  decimals?.querySelector("input").addEventListener("input", titleChange);
  return [
    h("div", { class: "row" },
      title,
      keyField(path, structuralChange),
      select({ path: [...path, "type"], label: "Kiểu", options: TYPES, onChange: structuralChange,
        className: "short" })),
    h("div", { class: "row" },
      compute,
      column.compute ? ofFields(path, column, structuralChange) : null,
      decimals),
    column.compute
      ? h("p", { class: "formula", "data-formula": column.key,
        text: formulaText(column, store.get([...appendixPath, "columns"]) || []) })
      : null,
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

function ofFields(path, column, structuralChange) {
  const appendixPath = path.slice(0, -2);
  const keys = (store.get([...appendixPath, "columns"]) || []).filter((c) => c.key !== column.key);
  const names = formula(column.compute)?.operands || [];
  const selects = names.map((name, i) => select({ path: [...path, "of", i], label: name, className: "short",
    options: keys.map((c) => [c.key, c.title || c.key]), onChange: structuralChange }));
  const swap = names.length === 2
    ? button("⇄ Đổi chỗ", () => {
      const current = store.get(path);
      current.of = [current.of[1], current.of[0]];
      structuralChange();
    }, { class: "swap", "data-action": "swap-operands",
      title: `Đổi chỗ ${names[0]} và ${names[1]}` })
    : null;
  return [...selects, swap];
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

function buildGrid(path, box, rebuild, report) {
  clear(box);
  const appendix = store.get(path);
  const columns = appendix.columns || [];
  if (!Array.isArray(appendix.rows)) appendix.rows = [];
  const rowsPath = [...path, "rows"];
  const table = h("table", { class: "grid", "data-path": rowsPath.join(".") });
  const headRow = h("tr", {}, appendix.numbered !== false ? h("th", { class: "stt", text: "STT" }) : null,
    columns.map((c) => h("th", { class: c.compute ? "computed" : null, scope: "col" },
      c.title || c.key, c.compute ? h("span", { class: "badge", text: "tự tính" }) : null)),
    h("th", { class: "actions" }, h("span", { class: "visually-hidden", text: "Thao tác" })));
  const body = h("tbody");
  const foot = h("tfoot");
  table.append(h("thead", {}, headRow), body, foot);
  const message = h("p", { class: "grid-message", role: "status" });
  const refreshTable = debounce(() => computeTable(path, body, foot, message), 250);

  const redraw = () => {
    fillBody(path, body, refreshTable, redraw, rebuild, report);
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

// A figure read by the server (from a plan file, a paste, an upload, or
// typed and read) is shown in its Vietnamese form (16.283; a percent cell
// holds the fraction 0.7143: 71,43%, with the column's decimals at least),
// which the model reads back to the same value. Text is what the clerk typed.
function shownCell(column, value) {
  if (value === undefined || value === null) return "";
  if (typeof value === "number" && column.type !== "text") {
    const percent = column.type === "percent";
    return figureText(value, { percent, decimals: percent ? (column.decimals ?? 2) : 0 });
  }
  return String(value);
}

function fillBody(path, body, refreshTable, redraw, rebuild, report) {
  clear(body);
  const appendix = store.get(path);
  const columns = appendix.columns || [];
  const rows = appendix.rows;
  rows.forEach((row, index) => {
    const rowPath = [...path, "rows", index];
    const tr = h("tr", { "data-path": rowPath.join(".") });
    if (appendix.numbered !== false) tr.append(h("td", { class: "stt", text: String(index + 1) }));
    columns.forEach((column) => {
      if (column.compute) {
        tr.append(h("td", { class: "computed num", "data-cell": column.key }));
        return;
      }
      const input = h("input", {
        type: "text", "data-path": [...rowPath, column.key].join("."),
        "aria-label": `${column.title || column.key}, dòng ${index + 1}`,
        class: column.type === "text" ? null : "num",
        value: shownCell(column, row[column.key]),
        inputmode: column.type === "text" ? null : "decimal",
      });
      input.addEventListener("input", () => {
        // Kept as typed until read: computeTable shows the figure used once the clerk leaves the cell.
        store.set([...rowPath, column.key], input.value);
        refreshTable();
      });
      if (column.type !== "text") input.addEventListener("change", refreshTable);
      input.addEventListener("paste", async (event) => {
        const text = event.clipboardData?.getData("text/plain") || "";
        if (!/[\t\n]/.test(text.replace(/\n$/, ""))) return;  // one cell: the browser pastes it
        event.preventDefault();
        const entered = columns.filter((c) => !c.compute);
        const before = columns.length;
        const reading = await placeMatrix(path, parseTabular(text), { at: index, column: entered.indexOf(column) });
        if (!reading) return;
        showReading(path, report, reading, rebuild);
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

// Puts what the server read from a block of cells into the appendix:
// "replace" the rows, "append" them, or overwrite from a cell ({at, column})
// as Excel does. Returns the reading (total row, warnings, suggestions), or
// null with the reason in the grid's message when it could not be read.
export async function placeMatrix(path, matrix, where, reading = null) {
  if (!matrix.length && !reading) return null;
  const appendix = store.get(path);
  if (!reading) {
    let response;
    try {
      response = await postJSON("/api/appendix/paste", {
        appendix: { columns: appendix.columns || [], rows: appendix.rows || [] },
        campaign: store.get(["campaign"]) || null, cells: matrix, start_column: where.column || 0 });
    } catch (_) {
      pasteFailed(path, "Không đọc được khối ô đã dán: mất kết nối tới máy chủ. Hãy dán lại.");
      return null;
    }
    if (!response.ok) {
      pasteFailed(path, "Không đọc được khối ô đã dán: " + (await errorsOf(response)).map((e) => e.message).join(" "));
      return null;
    }
    reading = await response.json();
  }
  appendix.columns = reading.columns;
  if (!Array.isArray(appendix.rows)) appendix.rows = [];
  if (where.mode === "replace") appendix.rows = reading.rows;
  else if (where.mode === "append") appendix.rows.push(...reading.rows);
  else {
    reading.rows.forEach((row, i) => {
      appendix.rows[where.at + i] = { ...(appendix.rows[where.at + i] || {}), ...row };
    });
  }
  store.changed({ path: [...path, "rows"], structural: true });
  return reading;
}

function pasteFailed(path, text) {
  const message = document.querySelector(`table.grid[data-path="${[...path, "rows"].join(".")}"]`)
    ?.closest(".grid-box")?.querySelector(".grid-message");
  if (message) message.textContent = text;
}

// What the reading found that the clerk should know or decide: Excel's total
// row (left out, and where its figures differ from the computed ones) and
// pasted columns that are in fact computed (offered, never applied unasked).
function showReading(path, report, reading, rebuild) {
  clear(report);
  const items = [];
  if (reading.total) {
    const label = Object.values(reading.total).find((v) => String(v ?? "").trim()) || "Tổng";
    items.push(h("li", { class: "note", text: `Dòng “${label}” cuối khối ô là dòng tổng của Excel: không nhập thành `
      + "một dòng số liệu; dòng tổng của bảng do chương trình tính (cột tỷ lệ không cộng dồn)." }));
  }
  for (const notice of reading.notices || []) items.push(h("li", { class: "note", text: notice }));
  if (reading.computed?.length) {
    items.push(h("li", { class: "note", text: `Cột ${reading.computed.map((t) => `“${t}”`).join(", ")} đã dán `
      + "không nhập vào bảng: bảng tự tính các cột này." }));
  }
  for (const warning of reading.warnings || []) items.push(h("li", { class: "warning", text: warning }));
  for (const suggestion of reading.suggestions || []) {
    const item = h("li", { class: "suggestion", "data-suggestion": suggestion.column },
      h("span", { text: suggestion.message + " " }),
      button("Để chương trình tự tính", () => {
        const appendix = store.get(path);
        const column = (appendix.columns || []).find((c) => c.key === suggestion.column);
        if (column) {
          column.compute = suggestion.compute;
          column.of = suggestion.of;
          for (const row of appendix.rows || []) delete row[column.key];
        }
        item.remove();
        if (!report.querySelector("li")) clear(report);
        report.closest(".appendix")?.refreshColumns?.();
        rebuild();
        store.changed({ structural: true });
      }, { class: "accept", "data-action": "accept-formula" }),
      button("Giữ số đã dán", () => {
        item.remove();
        if (!report.querySelector("li")) clear(report);
      }, { "data-action": "keep-pasted" }));
    items.push(item);
  }
  if (items.length) report.append(h("ul", {}, items));
}

function pasteBox(path, filled, report) {
  const id = `paste-${path.join("-")}`;
  const mode = h("select", { id: `${id}-mode`, "aria-label": "Khi dán" },
    h("option", { value: "replace", text: "Thay các dòng hiện có" }),
    h("option", { value: "append", text: "Thêm vào cuối" }));
  const area = h("textarea", { id, class: "paste-area", rows: 2,
    placeholder: "Dán (Ctrl+V) khối ô đã sao chép từ Excel vào đây; dòng đầu có thể là tên cột." });
  const status = h("p", { class: "hint", role: "status" });
  const apply = async (matrix, origin, reading = null) => {
    if (!matrix.length && !reading?.rows.length) { status.textContent = "Không có dòng nào để điền."; return; }
    const before = (store.get([...path, "columns"]) || []).length;
    reading = await placeMatrix(path, matrix, { mode: mode.value }, reading);
    if (!reading) { status.textContent = "Chưa điền được: xem thông báo dưới bảng."; return; }
    const added = (store.get([...path, "columns"]) || []).length - before;
    const rows = store.get([...path, "rows"]).length;
    filled();
    showReading(path, report, reading, filled);
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
    const appendix = store.get(path);
    try {
      const response = await postFile("/api/appendix/rows", file.files[0], {
        appendix: JSON.stringify({ columns: appendix.columns || [], rows: appendix.rows || [] }),
        campaign: JSON.stringify(store.get(["campaign"]) || null) });
      if (!response.ok) {
        status.textContent = (await errorsOf(response)).map((e) => e.message).join(" ");
        return;
      }
      const data = await response.json();
      await apply(data.rows, file.files[0].name, data.table);
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
  const sent = (appendix.rows || []).map((row) => ({ ...row }));
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
  showRead(path, body, sent, data.entered || []);
  clear(foot);
  if (data.total) {
    const label = columns.findIndex((c) => c.type === "text");
    const tr = h("tr", {}, appendix.numbered !== false
      ? h("td", { class: "stt", text: label < 0 ? appendix.total_label : "" }) : null);
    columns.forEach((column, i) => {
      const text = i === label ? appendix.total_label || "TỔNG" : data.total[column.key] || "";
      tr.append(h("td", { class: column.type === "text" ? null : "num", "data-total": column.key, text }));
    });
    tr.append(h("td"));
    foot.append(tr);
  }
}

// What the clerk typed, once read, becomes the number used and the cell
// shows it (12.5 -> 12,5; 16283 -> 16.283): only cells the clerk has left,
// still holding the text that was read.
function showRead(path, body, sent, entered) {
  const appendix = store.get(path);
  const columns = appendix.columns || [];
  [...body.children].forEach((tr, index) => {
    for (const input of tr.querySelectorAll("input[data-path]")) {
      const key = input.dataset.path.split(".").pop();
      const value = entered[index]?.[key];
      const typed = appendix.rows[index]?.[key];
      if (typeof value !== "number" || typeof typed !== "string" || typed !== sent[index]?.[key]
        || input === document.activeElement) continue;
      const column = columns.find((c) => c.key === key);
      appendix.rows[index][key] = value;
      input.value = shownCell(column, value);
      store.changed({ path: [...path, "rows", index, key], structural: false });
    }
  });
}
