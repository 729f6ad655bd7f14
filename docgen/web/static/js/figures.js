// A figure as the editor shows it once the server has read it: the
// normalised Vietnamese form of the number used (docgen/vietnamese/vn.py
// figure_text): "." between thousands, "," before the decimals, every
// significant decimal and at least `decimals` (four for 1,2450: 1,245
// would read two ways); a percent cell holds the
// fraction (0.7143) and shows points (71,43%). The server reads what the
// clerk types (docgen/vietnamese/vn.py read_figure); this module only writes.
// Tested on the server's table of cases (tests/figure_cases.json).

export function figureText(value, { percent = false, decimals = 0 } = {}) {
  if (typeof value !== "number" || !Number.isFinite(value)) return "";
  const number = percent ? value * 100 : value;
  // Ten decimals at most: 0.7143 × 100 is 71.43000000000001 in binary.
  const [whole, fraction = ""] = Math.abs(number).toFixed(10).replace(/\.?0+$/, "").split(".");
  let digits = fraction.padEnd(decimals, "0");
  if (digits.length === 3 && /^[1-9]\d{0,2}$/.test(whole)) digits += "0";  // 1,245 reads two ways; 1,2450 one
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const sign = number < 0 && /[1-9]/.test(whole + digits) ? "-" : "";
  return `${sign}${grouped}${digits ? `,${digits}` : ""}${percent ? "%" : ""}`;
}
