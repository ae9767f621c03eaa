/**
 * CSV for spreadsheets (RFC 4180, `;`-free: comma-separated with CRLF and a BOM so Excel reads
 * UTF-8). Cells that a spreadsheet would run as a formula get a leading apostrophe: questions and
 * comments come from the public, and `=HYPERLINK(…)` in a navigator's Excel is an attack.
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  // Numbers are our own counts; only text can smuggle a formula (and "-3" must stay a number).
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
