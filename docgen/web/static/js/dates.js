// Dates as the server prints them (docgen/vietnamese/dates.py), for the few the
// editor shows itself: a campaign date that arrives as ISO from a plan file
// or the API, and the time of a save or a preview. Decree 30's zero rule:
// days 01-09, months 01 and 02, then 3-12. Times are Vietnam's
// (Asia/Ho_Chi_Minh), whatever zone the browser is set to. Tested on the
// same table of cases as the Python module (tests/date_cases.json).

const VIETNAM = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "numeric", day: "numeric",
  hour: "2-digit", minute: "2-digit", hourCycle: "h23",
});

function pad(n) {
  return String(n).padStart(2, "0");
}

export function monthText(month) {
  return month <= 2 ? pad(month) : String(month);
}

function short(year, month, day) {
  return `${pad(day)}/${monthText(month)}/${year}`;
}

// "2023-09-01" -> "01/9/2023"; anything else (what the clerk typed) as it is.
export function shortDate(value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
  return match ? short(match[1], Number(match[2]), Number(match[3])) : value;
}

// A moment (Date or ISO text) as Vietnam reads it: "14:05 ngày 03/12/2026".
export function vietnamTime(moment) {
  const when = moment instanceof Date ? moment : new Date(moment);
  if (Number.isNaN(when.getTime())) return "";
  const part = Object.fromEntries(VIETNAM.formatToParts(when).map((p) => [p.type, p.value]));
  return `${part.hour}:${part.minute} ngày ${short(part.year, Number(part.month), Number(part.day))}`;
}
