/**
 * An official document (公文) on screen as it prints: an A4 sheet with the GB/T 9704-2012 版心 (margins 37/26/35/28 mm,
 * 156 mm wide), title in 小标宋 二号, body in 仿宋 三号 at 28.9 pt lines with two-character indents, headings 一、 in 黑体
 * and （一） in 楷体, tables of figures in 五号, and 署名 / 成文日期 right-aligned as the .docx places them. It renders the
 * same DocumentLayout the server writes into the .docx, so the printout and the file say the same thing.
 */
import { lazy, Suspense } from 'react';
import {
  type ChartBlock,
  type DocumentLayout,
  type LayoutBlock,
  signatureIndents,
  type TableBlock,
} from '../../contracts/documents.js';

const EChart = lazy(() => import('./EChart.js').then((m) => ({ default: m.EChart })));

const FONTS = {
  title: '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif',
  body: '"仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", serif',
  h1: '"黑体", "SimHei", "Noto Sans CJK SC", sans-serif',
  h2: '"楷体_GB2312", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC", serif',
};

/** GB/T 9704 page: the 版心 inside these margins; the print stylesheet below gives the paper the same ones. */
const PAGE_CSS = `
.official-sheet { width: 210mm; min-height: 297mm; box-sizing: border-box; margin: 0 auto 24px; background: #fff;
  padding: 37mm 26mm 35mm 28mm; box-shadow: 0 2px 12px rgba(0,0,0,.15); color: #000; font-family: ${FONTS.body};
  font-size: 16pt; line-height: 28.9pt; }
.official-sheet p { margin: 0; text-indent: 2em; text-align: justify; }
.official-sheet h1 { font: 22pt/36pt ${FONTS.title}; text-align: center; margin: 0 0 28.9pt; font-weight: normal; }
.official-sheet h2 { font: 16pt/28.9pt ${FONTS.h1}; margin: 0; text-indent: 2em; font-weight: normal; }
.official-sheet h3 { font: 16pt/28.9pt ${FONTS.h2}; margin: 0; text-indent: 2em; font-weight: normal; }
.official-sheet h4 { font: 16pt/28.9pt ${FONTS.body}; margin: 0; text-indent: 2em; font-weight: normal; }
.official-sheet .recipients { text-indent: 0; }
.official-sheet figure { margin: 8pt 0; break-inside: avoid; }
.official-sheet figcaption { text-align: center; font-size: 12pt; line-height: 20pt; }
.official-sheet table { width: 100%; border-collapse: collapse; font-size: 10.5pt; line-height: 15pt; }
.official-sheet th, .official-sheet td { border: 1px solid #000; padding: 1pt 3pt; }
.official-sheet th { font-weight: normal; text-align: center; }
.official-sheet .table-note { font-size: 10.5pt; line-height: 15pt; text-indent: 0; }
.official-sheet .signature { text-align: right; text-indent: 0; }
@media print {
  @page { size: A4 portrait; margin: 37mm 26mm 35mm 28mm; }
  .official-sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  #root .ant-layout, #root .ant-layout-content { background: #fff; padding: 0; margin: 0; }
}`;

function cellText(c: string | { text: string; colSpan: number }) {
  return typeof c === 'string' ? { text: c, colSpan: 1 } : c;
}

function Table({ b }: { b: TableBlock }) {
  const columns = b.rows[0]?.length ?? 0;
  const widths = b.widths ?? Array.from({ length: columns }, (_, i) => (i === 0 ? 2 : 1));
  const sum = widths.reduce((a, w) => a + w, 0);
  const align = (i: number) => b.align?.[i] ?? (i === 0 ? 'left' : 'right');
  return (
    <figure data-testid="official-table">
      {b.title && <figcaption>{b.title}</figcaption>}
      <table>
        <colgroup>
          {widths.map((w, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
            <col key={i} style={{ width: `${(100 * w) / sum}%` }} />
          ))}
        </colgroup>
        <thead>
          {b.header.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: header rows are positional
            <tr key={r}>
              {row.map((c, i) => {
                const { text, colSpan } = cellText(c);
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                  <th key={i} colSpan={colSpan}>
                    {text}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {b.rows.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
            <tr key={r}>
              {row.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                <td key={i} style={{ textAlign: align(i) }}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {b.note && <p className="table-note">{b.note}</p>}
    </figure>
  );
}

function Chart({ b }: { b: ChartBlock }) {
  const horizontal = b.type === 'bar';
  const categories = { type: 'category', data: horizontal ? [...b.categories].reverse() : b.categories };
  const value = { type: 'value', name: b.valueAxisTitle, minInterval: 1 };
  const option = {
    animation: false,
    textStyle: { fontFamily: FONTS.body },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : categories,
    yAxis: horizontal ? categories : value,
    series: b.series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: horizontal ? [...s.values].reverse() : s.values,
      label: { show: true, position: horizontal ? 'right' : 'top' },
    })),
  };
  return (
    <figure data-testid="official-chart">
      <Suspense fallback={<div style={{ height: `${b.heightMm ?? 80}mm` }} />}>
        <EChart option={option} height={`${b.heightMm ?? 80}mm`} ariaLabel={b.title} />
      </Suspense>
      <figcaption>{b.title}</figcaption>
    </figure>
  );
}

function Block({ b }: { b: LayoutBlock }) {
  switch (b.kind) {
    case 'h1':
      return <h2>{b.text}</h2>;
    case 'h2':
      return <h3>{b.text}</h3>;
    case 'h3':
      return <h4>{b.text}</h4>;
    case 'table':
      return <Table b={b} />;
    case 'chart':
      return <Chart b={b} />;
    default:
      return <p>{b.text}</p>;
  }
}

export function OfficialDocumentView({ layout }: { layout: DocumentLayout }) {
  const indents = signatureIndents(layout.signature, layout.date);
  return (
    <article className="official-sheet" data-testid="official-document">
      <style>{PAGE_CSS}</style>
      <h1>
        {layout.title.split('\n').map((line) => (
          <div key={line}>{line}</div>
        ))}
      </h1>
      {layout.recipients && <p className="recipients">{layout.recipients}</p>}
      {layout.blocks.map((b, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a document's blocks never reorder
        <Block key={i} b={b} />
      ))}
      <p>&nbsp;</p>
      <p className="signature" style={{ paddingRight: `${indents.signature}em` }}>
        {layout.signature}
      </p>
      <p className="signature" style={{ paddingRight: `${indents.date}em` }} data-testid="official-date">
        {layout.date}
      </p>
    </article>
  );
}
