/**
 * Word documents in the layout of GB/T 9704-2012《党政机关公文格式》 — the one module that touches the `docx`
 * library (with its helper ./docx-chart.ts). Generic: it knows 标题, 主送机关, 正文 and its headings, tables, images,
 * charts, 发文机关署名 and 成文日期, not what a bulletin says.
 *
 *   import { buildOfficialDocx } from '../../documents/official-docx.js';
 *   const buffer: Buffer = await buildOfficialDocx({
 *     title: '山东省2026年10月生产安全事故情况通报',
 *     recipients: '各市应急管理局，省安委会有关成员单位：',
 *     blocks: [
 *       { kind: 'p', text: '现将…通报如下：' },
 *       { kind: 'h1', text: '一、事故总体情况' },                  // 3号黑体
 *       { kind: 'h2', text: '（一）分领域情况。' },                 // 3号楷体
 *       { kind: 'table', title: '表1 …', header: [['领域', '起数']], rows: [['工矿商贸', '12']] },
 *       { kind: 'image', png, widthPx: 600, heightPx: 300, title: '图1 …' },
 *       { kind: 'chart', title: '图2 …', categories: ['1月', '2月'],         // a native Word chart
 *         series: [{ name: '今年', values: [3, 5] }, { name: '去年同期', values: [4, 2] }] },
 *     ],
 *     signature: '山东省应急管理厅',
 *     date: '2026年11月25日',
 *   });
 *
 * What GB/T 9704-2012 asks and how it is done here:
 * - A4 (5.2), 天头 37 mm, 订口 28 mm, and so the margins 上37 下35 左28 右26 mm for the 156 × 225 mm 版心 (5.2.2);
 * - 22 行 × 28 字 of 3号仿宋 (5.2.3): approximated, as Word templates of the bureaus do, by 3号 (16 pt) text at an
 *   exact line spacing of 28.9 pt;
 * - 标题 2号小标宋 centred (7.3.1), 主送机关 under the title, 顶格, ending with a full-width colon (7.3.2);
 * - 正文 3号仿宋, first line indented two characters; 结构层次 "一、" 黑体, "（一）" 楷体 (7.3.3);
 * - 落款 without a seal (7.3.5.2): 署名 右空二字 after a blank line, 成文日期 on the next line in Arabic numerals, its
 *   first character two characters right of the 署名's (or 右空二字 with the 署名 moved left when the date is longer);
 * - 页码 (7.5): 4号半角宋体 "— 1 —", odd pages right with one character space, even pages left.
 * Chinese text sets the East Asian font of every run (w:rFonts/@w:eastAsia) or Word falls back to the theme font.
 * Charts are Word's own (DrawingML, `word/charts/chartN.xml` with its data cached and in an embedded workbook, see
 * ./docx-chart.ts): Word and LibreOffice draw them, 编辑数据 opens their data; they are the 版心's width, their text
 * 5号 in the body font (a:ea) and Times New Roman, 图题 centred under them as under images.
 * Font names can be overridden (`fonts`) where a site has 仿宋 but not 仿宋_GB2312.
 */
import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Footer,
  ImageRun,
  type IParagraphOptions,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { type DocumentLayout, type LayoutBlock, signatureIndents } from '../../contracts/documents.js';
import { chartParagraph, localizeCharts } from './docx-chart.js';

/** A block of the document: the layout's (text, table, chart; contracts/documents.ts), or a picture. */
export type DocBlock = LayoutBlock | { kind: 'image'; png: Buffer; widthPx: number; heightPx: number; title?: string };

/** The layout of a document (the browser's print view shows the same) with the file's own settings. */
export interface OfficialDocument extends Omit<DocumentLayout, 'blocks'> {
  blocks: readonly DocBlock[];
  fonts?: Partial<DocFonts>;
  /** Document properties. */
  creator?: string;
  description?: string;
}

export interface DocFonts {
  title: string;
  body: string;
  h1: string;
  h2: string;
  pageNumber: string;
  latin: string;
}

export const DEFAULT_FONTS: DocFonts = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  h1: '黑体',
  h2: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
};

// Sizes in half-points (docx `size`): 2号 22 pt, 3号 16 pt, 4号 14 pt, 5号 10.5 pt (tables of figures).
const SIZE = { title: 44, body: 32, pageNumber: 28, table: 21 } as const;
const PT = 20; // twips per point
const BODY_LINE = Math.round(28.9 * PT);
const TITLE_LINE = 36 * PT;
const CHAR = 16 * PT; // one 3号 character, for indents
const PAGE_CHAR = 14 * PT; // one 4号 character
const A4 = { width: 11906, height: 16838 };
const MARGIN_MM = { top: 37, bottom: 35, left: 28, right: 26 };
const TEXT_WIDTH = A4.width - convertMillimetersToTwip(MARGIN_MM.left) - convertMillimetersToTwip(MARGIN_MM.right);
const TEXT_WIDTH_MM = 210 - MARGIN_MM.left - MARGIN_MM.right; // 156
const CHART_HEIGHT_MM = 80;

function run(text: string, font: string, latin: string, size: number, bold = false): TextRun {
  return new TextRun({ text, bold, size, font: { ascii: latin, hAnsi: latin, eastAsia: font, hint: 'eastAsia' } });
}

const bodySpacing = { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function paragraph(text: string, font: string, f: DocFonts, options: IParagraphOptions = {}): Paragraph {
  return new Paragraph({
    spacing: bodySpacing,
    indent: { firstLine: 2 * CHAR },
    ...options,
    children: [run(text, font, f.latin, SIZE.body)],
  });
}

const blank = () => new Paragraph({ spacing: bodySpacing, children: [] });

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN };
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function cell(text: string, font: string, f: DocFonts, align: 'left' | 'center' | 'right', colSpan = 1): TableCell {
  return new TableCell({
    columnSpan: colSpan,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 80, right: 80, top: 20, bottom: 20 },
    children: [new Paragraph({ alignment: ALIGN[align], children: [run(text, font, f.latin, SIZE.table)] })],
  });
}

/** 表题 or 图题: centred, 黑体 5号. */
const caption = (title: string, f: DocFonts) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: bodySpacing,
    children: [run(title, f.h1, f.latin, SIZE.table)],
  });

function table(b: Extract<DocBlock, { kind: 'table' }>, f: DocFonts): (Paragraph | Table)[] {
  const columns = b.rows[0]?.length ?? b.header.reduce((n, r) => Math.max(n, r.length), 0);
  const weights = b.widths ?? Array.from({ length: columns }, (_, i) => (i === 0 ? 2 : 1));
  const sum = weights.reduce((a, w) => a + w, 0);
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / sum));
  const alignOf = (i: number) => b.align?.[i] ?? (i === 0 ? 'left' : 'right');
  const out: (Paragraph | Table)[] = [];
  if (b.title) {
    out.push(caption(b.title, f));
  }
  const header = b.header.map(
    (r) =>
      new TableRow({
        tableHeader: true,
        children: r.map((c) =>
          typeof c === 'string' ? cell(c, f.h1, f, 'center') : cell(c.text, f.h1, f, 'center', c.colSpan),
        ),
      }),
  );
  const body = b.rows.map((r) => new TableRow({ children: r.map((text, i) => cell(text, f.body, f, alignOf(i))) }));
  out.push(
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      borders: BORDERS,
      rows: [...header, ...body],
    }),
  );
  if (b.note) out.push(new Paragraph({ spacing: bodySpacing, children: [run(b.note, f.body, f.latin, SIZE.table)] }));
  return out;
}

/** Images scaled to at most the text width. */
function image(b: Extract<DocBlock, { kind: 'image' }>, f: DocFonts): Paragraph[] {
  const maxPx = Math.floor(TEXT_WIDTH / 15); // 15 twips per pixel at 96 dpi
  const scale = Math.min(1, maxPx / b.widthPx);
  const out = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      // Single line spacing: the body's exact 28.9 pt would cut the picture to one line's height.
      spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
      children: [
        new ImageRun({
          type: 'png',
          data: b.png,
          transformation: { width: Math.round(b.widthPx * scale), height: Math.round(b.heightPx * scale) },
        }),
      ],
    }),
  ];
  if (b.title) {
    out.push(caption(b.title, f));
  }
  return out;
}

/** A native chart the 版心's width, its 图题 under it. */
function chart(b: Extract<DocBlock, { kind: 'chart' }>, f: DocFonts): Paragraph[] {
  return [
    chartParagraph(
      { categories: b.categories, series: b.series, name: b.title, type: b.type, valueAxisTitle: b.valueAxisTitle },
      { latin: f.latin, size: SIZE.table / 2 },
      TEXT_WIDTH_MM,
      b.heightMm ?? CHART_HEIGHT_MM,
    ),
    caption(b.title, f),
  ];
}

function block(b: DocBlock, f: DocFonts): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'p':
      return [paragraph(b.text, f.body, f)];
    case 'h1':
      return [paragraph(b.text, f.h1, f)];
    case 'h2':
      return [paragraph(b.text, f.h2, f)];
    case 'h3':
      return [
        new Paragraph({
          spacing: bodySpacing,
          indent: { firstLine: 2 * CHAR },
          children: [run(b.text, f.body, f.latin, SIZE.body, true)],
        }),
      ];
    case 'table':
      return table(b, f);
    case 'image':
      return image(b, f);
    case 'chart':
      return chart(b, f);
  }
}

function pageNumberFooter(side: 'odd' | 'even', f: DocFonts): Footer {
  const font = { ascii: f.pageNumber, hAnsi: f.pageNumber, eastAsia: f.pageNumber };
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: PAGE_CHAR } : { left: PAGE_CHAR },
        children: [new TextRun({ font, size: SIZE.pageNumber, children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

export async function buildOfficialDocx(doc: OfficialDocument): Promise<Buffer> {
  const f: DocFonts = { ...DEFAULT_FONTS, ...doc.fonts };
  const indents = signatureIndents(doc.signature, doc.date);
  const titleLines = doc.title.split('\n').map(
    (line) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: TITLE_LINE, lineRule: LineRuleType.EXACT },
        children: [run(line, f.title, f.latin, SIZE.title)],
      }),
  );
  const children: (Paragraph | Table)[] = [...titleLines, blank()];
  if (doc.recipients) children.push(paragraph(doc.recipients, f.body, f, { indent: { firstLine: 0 } }));
  for (const b of doc.blocks) children.push(...block(b, f));
  children.push(
    blank(),
    paragraph(doc.signature, f.body, f, {
      alignment: AlignmentType.RIGHT,
      indent: { firstLine: 0, right: Math.round(indents.signature * CHAR) },
    }),
    paragraph(doc.date, f.body, f, {
      alignment: AlignmentType.RIGHT,
      indent: { firstLine: 0, right: Math.round(indents.date * CHAR) },
    }),
  );
  const document = new Document({
    creator: doc.creator ?? 'Anjian',
    title: doc.title.replaceAll('\n', ''),
    description: doc.description ?? '',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { size: SIZE.body, font: { ascii: f.latin, hAnsi: f.latin, eastAsia: f.body } },
          paragraph: { spacing: bodySpacing },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: {
              top: convertMillimetersToTwip(MARGIN_MM.top),
              bottom: convertMillimetersToTwip(MARGIN_MM.bottom),
              left: convertMillimetersToTwip(MARGIN_MM.left),
              right: convertMillimetersToTwip(MARGIN_MM.right),
              footer: convertMillimetersToTwip(25),
              header: convertMillimetersToTwip(15),
            },
          },
          grid: { linePitch: BODY_LINE },
        },
        footers: { default: pageNumberFooter('odd', f), even: pageNumberFooter('even', f) },
        children,
      },
    ],
  });
  const packed = Buffer.from(await Packer.toBuffer(document));
  return doc.blocks.some((b) => b.kind === 'chart') ? localizeCharts(packed, f.body) : packed;
}

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
