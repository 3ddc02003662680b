/**
 * Native Word charts for official-docx.ts (its helper; nothing else imports it): clustered column or bar charts drawn
 * by Word and LibreOffice from the chart part's own data, as a chart made with Word's 插入图表 is.
 *
 * The `docx` library writes the chart (`docx/charts`' ChartRun): a part `word/charts/chartN.xml` with `c:chartSpace` →
 * `c:barChart` (`c:barDir` col or bar, `c:grouping` clustered), one `c:ser` per series with its name, the categories
 * (`c:cat/c:strRef/c:strCache`) and the values (`c:val/c:numRef/c:numCache`), its relationship from
 * `word/_rels/document.xml.rels`, its Override in `[Content_Types].xml`, and an embedded workbook
 * (`word/embeddings/Microsoft_Excel_WorksheetN.xlsx`, `c:externalData`) holding the same data, so Word's 编辑数据 opens
 * it in Excel. The document holds it as an inline `w:drawing` → `a:graphicData uri=".../drawingml/2006/chart"` →
 * `c:chart r:id`.
 *
 * What the library does not do, and `localizeCharts` does to the packed document: a chart's text (axis labels,
 * legend, titles) sets only the Latin and complex-script typefaces and leaves East Asian text in the theme's font
 * (`<a:ea typeface="+mn-ea"/>`), which is 等线 or whatever the reader's Office picks; GB/T 9704 documents want the
 * body font (仿宋_GB2312). So each chart part gets `a:ea typeface` = the body font and its language (c:lang, a:rPr
 * lang) zh-CN.
 */
import { AlignmentType, LineRuleType, Paragraph } from 'docx';
import { ChartRun, type ChartSeries } from 'docx/charts';
import JSZip from 'jszip';

export interface ChartSpec {
  categories: readonly string[];
  series: readonly { name: string; values: readonly number[] }[];
  /** 'column' vertical bars (default), 'bar' horizontal bars, the first category at the top (long names). */
  type?: 'column' | 'bar';
  /** Title of the value axis, e.g. "起数（起）". */
  valueAxisTitle?: string;
  /** For screen readers; the caption. */
  name: string;
}

export interface ChartFonts {
  /** Latin (and complex script) typeface; the East Asian one is set by localizeCharts. */
  latin: string;
  /** Points. */
  size: number;
}

/** The colours of the series in order: dark blue and grey, told apart in colour and in black-and-white print. */
const SERIES_COLORS = ['2F5597', 'A6A6A6', 'C55A11', '548235'];

const PX_PER_MM = 96 / 25.4; // ChartRun sizes are pixels at 96 dpi (9525 EMU)

/**
 * A value axis that counts: whole numbers, 1 apart when the largest is small (an automatic scale may step 0.5 and,
 * with format "0", print 0 1 1 2 2 …), and 0 to 1 when everything is 0.
 */
function countAxis(spec: ChartSpec): { interval?: number; maximum?: number; numberFormat?: string } {
  const values = spec.series.flatMap((s) => s.values);
  if (!values.every((v) => Number.isInteger(v))) return {};
  const max = Math.max(0, ...values);
  if (max === 0) return { maximum: 1, interval: 1, numberFormat: '0' };
  return max <= 8 ? { interval: 1, numberFormat: '0' } : { numberFormat: '0' };
}

/** A paragraph holding the chart inline, centred, `widthMm` × `heightMm`. */
export function chartParagraph(spec: ChartSpec, fonts: ChartFonts, widthMm: number, heightMm: number): Paragraph {
  const bar = spec.type === 'bar';
  const font = { size: fonts.size, color: '000000' };
  const series: ChartSeries[] = spec.series.map((s, i) => ({
    name: s.name,
    values: [...s.values],
    color: SERIES_COLORS[i % SERIES_COLORS.length],
  }));
  const description = spec.series
    .map((s) => `${s.name}：${spec.categories.map((c, i) => `${c}${s.values[i] ?? ''}`).join('，')}`)
    .join('；');
  const common = {
    categories: [...spec.categories],
    series,
    font: { name: fonts.latin, color: '000000' },
    legend: { position: 'top' as const, font },
    // Bars read top-down in category order; the value axis then crosses at the last category, i.e. at the bottom.
    categoryAxis: { font, reverseOrder: bar },
    valueAxis: {
      font,
      ...countAxis(spec),
      ...(spec.valueAxisTitle ? { title: { text: spec.valueAxisTitle, font } } : {}),
      ...(bar ? { crossesAt: 'maximum' as const } : {}),
    },
    dataLabels: { value: true, position: 'outsideEnd' as const, font: { size: fonts.size - 2.5, color: '000000' } },
    chartArea: { border: 'none' as const },
    gapWidth: bar ? 60 : 80,
    overlap: 0,
    transformation: { width: widthMm * PX_PER_MM, height: heightMm * PX_PER_MM },
    altText: { name: spec.name, description: `${spec.name}。${description}。` },
  };
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    // Single line spacing: the body's exact 28.9 pt would cut the drawing to one line's height.
    spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 120, after: 0 },
    keepNext: true,
    children: [new ChartRun(bar ? { type: 'bar', ...common } : { type: 'column', ...common })],
  });
}

const xmlAttr = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const CHART_PART = /^word\/charts\/chart\d+\.xml$/;

/** Chart parts of a packed .docx: East Asian typeface `eastAsia`, language zh-CN. Other parts are left as they are. */
export async function localizeCharts(docx: Buffer, eastAsia: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const parts = Object.keys(zip.files).filter((name) => CHART_PART.test(name));
  if (parts.length === 0) return docx;
  const ea = `<a:ea typeface="${xmlAttr(eastAsia)}"/>`;
  for (const name of parts) {
    const xml = await zip.file(name)?.async('string');
    if (xml === undefined) continue;
    zip.file(
      name,
      xml
        .replace(/<a:ea typeface="[^"]*"\s*\/>/g, () => ea)
        .replace('<c:lang val="en-US"/>', '<c:lang val="zh-CN"/>')
        .replace(/(<a:(?:rPr|endParaRPr|defRPr)\b[^>]*?)\blang="en-US"/g, '$1lang="zh-CN" altLang="en-US"'),
    );
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
