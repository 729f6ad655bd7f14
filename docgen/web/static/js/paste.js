// A block of cells copied from Excel (tab-separated; a cell with a tab, a
// line break or a quote is quoted) or read from a .xlsx/.csv file, put into
// an appendix's columns. The first line is a header when it names the
// columns, or when it has no figures while the next line has.

export function parseTabular(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  const source = text.replace(/\r\n?/g, "\n");
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') { cell += '"'; i += 1; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") {
      quoted = true;
    } else if (ch === "\t") {
      row.push(cell); cell = "";
    } else if (ch === "\n") {
      row.push(cell); rows.push(row); row = []; cell = "";
    } else {
      cell += ch;
    }
  }
  if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
  return rows.filter((r) => r.some((c) => String(c).trim() !== ""));
}

export function looksNumeric(cell) {
  if (typeof cell === "number") return true;
  const text = String(cell ?? "").trim();
  return /\d/.test(text) && /^[\d.,\s]+%?$/.test(text);
}

const norm = (s) => String(s ?? "").normalize("NFC").trim().toLowerCase().replace(/\s+/g, " ");

// A column key the model accepts ([a-z][a-z0-9_]*), unique in the table.
export function columnKey(title, taken) {
  let base = String(title || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  if (!/^[a-z]/.test(base)) base = base ? `cot_${base}` : "cot";
  base = base.slice(0, 30);
  let key = base;
  for (let n = 2; taken.includes(key); n += 1) key = `${base}_${n}`;
  return key;
}

// columns: the appendix's columns; matrix: rows of cells; startColumn: the
// entered column a paste starts at; fresh: the table has no rows yet, so a
// header that names none of its columns renames them. Returns {columns (new
// ones appended), rows (objects keyed by column key), header (whether line 1
// was skipped)}.
export function fitToColumns(columns, matrix, startColumn = 0, fresh = false) {
  const allColumns = columns.map((c) => ({ ...c }));
  const entered = allColumns.filter((c) => !c.compute);
  const first = matrix[0] || [];
  const byTitle = first.map((cell) =>
    entered.find((c) => norm(c.title) === norm(cell) || c.key === norm(cell)));
  const matches = byTitle.filter(Boolean).length;
  const firstHasFigures = first.some(looksNumeric);
  const secondHasFigures = matrix.length > 1 && matrix[1].some(looksNumeric);
  const header = matrix.length > 1 && !firstHasFigures && (matches > 0 || secondHasFigures);
  const data = header ? matrix.slice(1) : matrix;
  const width = Math.max(0, ...matrix.map((r) => r.length));
  const taken = allColumns.map((c) => c.key);

  const keys = [];
  for (let j = 0; j < width; j += 1) {
    let column = header && matches > 0 ? byTitle[j] : entered[startColumn + j];
    if (column && header && matches === 0 && fresh && String(first[j] ?? "").trim()) {
      const values = data.map((r) => r[j]).filter((v) => String(v ?? "").trim() !== "");
      column.title = String(first[j]).trim();
      column.type = values.length && values.every(looksNumeric) ? "number" : "text";
    }
    if (!column) {
      const title = header && String(first[j] ?? "").trim() ? String(first[j]).trim() : `Cột ${allColumns.length + 1}`;
      const values = data.map((r) => r[j]).filter((v) => String(v ?? "").trim() !== "");
      column = {
        key: columnKey(title, taken),
        title,
        type: values.length && values.every(looksNumeric) ? "number" : "text",
      };
      taken.push(column.key);
      allColumns.push(column);
    }
    keys.push(column.key);
  }
  const rows = data.map((cells) => {
    const row = {};
    keys.forEach((key, j) => {
      const value = cells[j];
      row[key] = value === undefined || value === null ? "" : value;
    });
    return row;
  });
  return { columns: allColumns, rows, header };
}
