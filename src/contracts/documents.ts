/**
 * The layout of an official document (公文, GB/T 9704-2012): title, 主送机关, body blocks, 署名 and 成文日期. One model
 * for both renderings of a document: the .docx (server documents/official-docx.ts) and the browser's print view
 * (web components/OfficialDocumentView.tsx), so what is printed from the screen is what the file says.
 */

/** A paragraph, or a heading: h1 一、 (黑体), h2 （一） (楷体), h3 1. (仿宋). */
export interface TextBlock {
  kind: 'p' | 'h1' | 'h2' | 'h3';
  text: string;
}

export interface TableBlock {
  kind: 'table';
  /** Shown centred above the table (表题). */
  title?: string;
  /** Header rows; a cell may span columns (`{ text, colSpan }`). */
  header: readonly (readonly (string | { text: string; colSpan: number })[])[];
  rows: readonly (readonly string[])[];
  /** Per column; default: the first column left, the others right (figures). */
  align?: readonly ('left' | 'center' | 'right')[];
  /** Relative column widths; default equal, the first column twice as wide. */
  widths?: readonly number[];
  /** Text under the table (注：…). */
  note?: string;
}

export interface ChartBlock {
  kind: 'chart';
  /** 图题, centred under the chart. */
  title: string;
  /** Along the category axis: month labels, industry names … */
  categories: readonly string[];
  /** Clustered: one bar per series in each category, in this order (今年, 去年同期); one value per category. */
  series: readonly { name: string; values: readonly number[] }[];
  /** 'column' vertical bars (default); 'bar' horizontal, the first category at the top (for long names). */
  type?: 'column' | 'bar';
  /** Title of the value axis, e.g. "起数（起）". */
  valueAxisTitle?: string;
  /** Height; default 80 mm (the width is the 版心's, 156 mm). */
  heightMm?: number;
}

export type LayoutBlock = TextBlock | TableBlock | ChartBlock;

export interface DocumentLayout {
  title: string;
  /** 主送机关, e.g. "各市应急管理局：". */
  recipients?: string;
  blocks: readonly LayoutBlock[];
  /** 发文机关署名. */
  signature: string;
  /** 成文日期, e.g. "2026年11月25日". */
  date: string;
}

/** Width of a date or name in 3号 characters: CJK 1, ASCII digits and letters ½ (半角). */
export function textWidthInChars(s: string): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) < 0x80 ? 0.5 : 1;
  return w;
}

/**
 * Right indents (in characters) of 署名 and 成文日期 for a document without a seal (GB/T 9704-2012 7.3.5.2): the
 * 署名 右空二字, the date's first character two characters right of the 署名's; a longer date 右空二字 instead and the
 * 署名 moves left to keep the two-character step.
 */
export function signatureIndents(signature: string, date: string): { signature: number; date: number } {
  const sig = textWidthInChars(signature);
  const dat = textWidthInChars(date);
  const dateIndent = sig - dat;
  if (dateIndent >= 2) return { signature: 2, date: dateIndent };
  return { signature: 2 + dat + 2 - sig, date: 2 };
}
