/**
 * Text written into an exported spreadsheet must never run as a formula — not in Excel, WPS or LibreOffice, and not
 * after the file is re-saved as CSV (where a cell type no longer protects it). A text that begins with `=`, `+`, `-`,
 * `@`, a tab or a carriage return gets a leading apostrophe, the convention of OWASP's "CSV Injection" guidance:
 * every spreadsheet then shows it as text. A plain number written as text (`-34.0%`, `+12`) is left alone: it parses
 * as a number, never as a formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d[\d,]*(\.\d+)?%?$/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}
