/**
 * A first pass over an .xlsx's sheets before the workbook reader runs: each sheet's XML inflated as a stream, its
 * rows with a value counted as the text goes by, and the pass stopped at once when the rows pass the limit or the
 * inflated bytes pass the budget — whatever the zip's directory claims about sizes and whatever order its parts are
 * in (exceljs's streaming reader first copies a sheet that comes before the shared strings to a temporary file, whole).
 * A workbook of 2 million rows is refused after its first 50,000, in a fraction of a second.
 */
import { createInflateRaw } from 'node:zlib';
import { AppError } from '../errors.js';
import { tooManyRows, unreadable } from './table-errors.js';
import { entryData, type ZipEntry, zipEntries } from './zip.js';

const SHEET = /^xl\/worksheets\/[^/]+\.xml$/;
/** Tokens that matter: a row opens or closes; a cell value (<v>) or an inline string (<t>) makes the row a data row. */
const TOKEN = /<row[\s>/]|<\/row>|<v[\s>]|<t[\s>]/g;

/** Counts rows holding a value in XML given chunk by chunk; `add` throws to stop the pass. */
function rowCounter(add: () => void) {
  let carry = '';
  let hasValue = false;
  return (chunk: string) => {
    const text = carry + chunk;
    // A tag cut by the chunk's end waits for the next chunk.
    const lastOpen = text.lastIndexOf('<');
    const cut = lastOpen >= 0 && text.indexOf('>', lastOpen) < 0 ? lastOpen : text.length;
    carry = text.slice(cut);
    for (const [token] of text.slice(0, cut).matchAll(TOKEN)) {
      if (token.startsWith('<row')) hasValue = false;
      else if (token === '</row>') {
        if (hasValue) add();
      } else hasValue = true;
    }
  };
}

async function scanEntry(
  buf: Buffer,
  entry: ZipEntry,
  maxBytes: number,
  count: (chunk: string) => void,
): Promise<void> {
  const data = entryData(buf, entry);
  if (!data || (entry.method !== 0 && entry.method !== 8)) throw unreadable('不是有效的 .xlsx 文件，或文件已损坏');
  if (entry.method === 0) return count(data.toString('utf8'));
  const inflate = createInflateRaw();
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  const done = (async () => {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        throw new AppError(
          'IMPORT_FILE_TOO_LARGE',
          [
            {
              path: 'file',
              code: 'inflated_too_large',
              message: `工作表解压后超过${Math.ceil(maxBytes / 1024 / 1024)}MB`,
            },
          ],
          '文件过大：工作表解压后超出限制，请拆分后分批导入',
        );
      }
      count(decoder.decode(chunk, { stream: true }));
    }
  })();
  inflate.end(data);
  try {
    await done;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unreadable('不是有效的 .xlsx 文件，或文件已损坏');
  } finally {
    inflate.destroy();
  }
}

/**
 * Rows counted here that the reader does not count as data: header rows, the template's instruction and code sheets.
 * The reader enforces the exact limit; this pass only has to stop a file that is far over it.
 */
const SLACK_ROWS = 1_000;

/** Refuses a workbook whose sheets hold far more than `maxRows` rows with values, or inflate beyond `maxBytes` each. */
export async function scanSheets(buf: Buffer, maxRows: number, maxBytes: number): Promise<void> {
  const entries = zipEntries(buf);
  if (!entries) throw unreadable('不是有效的 .xlsx 文件，或文件已损坏');
  let rows = 0;
  const count = rowCounter(() => {
    rows += 1;
    if (rows > maxRows + SLACK_ROWS) throw tooManyRows(maxRows);
  });
  for (const entry of entries.filter((e) => SHEET.test(e.name))) await scanEntry(buf, entry, maxBytes, count);
}
