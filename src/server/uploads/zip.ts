/**
 * What an .xlsx (a zip) declares about itself, read from its central directory before anything is inflated: the
 * entries and their uncompressed sizes. A workbook whose parts would inflate beyond the budget is refused at once —
 * a 1.77 MB file holding 6 million rows declares a sheet of about 300 MB. (A zip may lie about sizes; the worker's
 * row limit, memory limit and time budget catch what gets past this check.)
 */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
/** The end-of-central-directory record is 22 bytes plus a comment of at most 65,535. */
const EOCD_SEARCH = 22 + 0xffff;
/** ZIP64 marks sizes it does not fit in 32 bits: no workbook we accept needs it. */
const ZIP64 = 0xffffffff;

/** The central directory's entries, or null when the buffer is not a readable zip (or needs ZIP64). */
export function zipEntries(buf: Buffer): ZipEntry[] | null {
  const from = Math.max(0, buf.length - EOCD_SEARCH);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL_SIGNATURE) return null;
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const uncompressedSize = buf.readUInt32LE(at + 24);
    if (compressedSize === ZIP64 || uncompressedSize === ZIP64) return null;
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    if (at + 46 + nameLength > buf.length) return null;
    entries.push({
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
      method,
      compressedSize,
      uncompressedSize,
      localHeaderOffset: buf.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export interface ZipBudget {
  maxEntries: number;
  /** Any one part once inflated (a sheet's XML). */
  maxEntryBytes: number;
  /** xl/sharedStrings.xml once inflated: every string of the workbook is held in memory while the sheets are read. */
  maxSharedStringsBytes: number;
  maxTotalBytes: number;
}

/** Which limit the workbook's declared sizes break, in words for the user, or null when it fits. */
export function zipOverBudget(entries: readonly ZipEntry[], budget: ZipBudget): string | null {
  if (entries.length > budget.maxEntries) return `文件包含${entries.length}个部件，超过${budget.maxEntries}个`;
  const mb = (n: number) => `${Math.ceil(n / 1024 / 1024)}MB`;
  const shared = entries.find((e) => e.name === 'xl/sharedStrings.xml');
  if (shared && shared.uncompressedSize > budget.maxSharedStringsBytes) {
    return `共享字符串解压后约${mb(shared.uncompressedSize)}，超过${mb(budget.maxSharedStringsBytes)}`;
  }
  const big = entries.find((e) => e.uncompressedSize > budget.maxEntryBytes);
  if (big) return `工作表解压后约${mb(big.uncompressedSize)}，超过${mb(budget.maxEntryBytes)}`;
  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (total > budget.maxTotalBytes) return `文件解压后共约${mb(total)}，超过${mb(budget.maxTotalBytes)}`;
  return null;
}

/** An entry's compressed bytes, located through its local header (whose name and extra lengths may differ). */
export function entryData(buf: Buffer, e: ZipEntry): Buffer | null {
  const at = e.localHeaderOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) return null;
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  if (start + e.compressedSize > buf.length) return null;
  return buf.subarray(start, start + e.compressedSize);
}
