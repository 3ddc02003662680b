/**
 * Files kept by their content (SHA-256): the one store of uploaded evidence (photos, audio) for every module. Their
 * type is read from their first bytes (never from the name or the client's header), and the same bytes are stored
 * once: a second upload of them finds the row; a stored file is never overwritten (stored_files refuses UPDATE and
 * DELETE). Receiving them (multipart, hashed as they stream): receive.ts.
 */
import { promisify } from 'node:util';
import { crc32, inflate } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { zipEntries } from './zip.js';

export interface ReceivedFile {
  fileName: string;
  contentType: string;
  sha256: string;
  size: number;
  data: Buffer;
}

const inflateAsync = promisify(inflate);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Types recognised by their signature: [content type, test on the first 16 bytes]. */
const SIGNATURES: readonly [string, (b: Buffer) => boolean][] = [
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/png', (b) => b.subarray(0, 8).equals(PNG_MAGIC)],
  ['image/webp', (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP'],
  [
    'image/heic',
    (b) => b.toString('latin1', 4, 8) === 'ftyp' && /^(heic|heix|mif1|msf1)$/.test(b.toString('latin1', 8, 12)),
  ],
  ['audio/wav', (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WAVE'],
  ['audio/ogg', (b) => b.toString('latin1', 0, 4) === 'OggS'],
  ['audio/webm', (b) => b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3],
  ['audio/mp4', (b) => b.toString('latin1', 4, 8) === 'ftyp'],
  ['audio/mpeg', (b) => b.toString('latin1', 0, 3) === 'ID3' || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0)],
  // Documents (应急预案 attachments): PDF, and a zip whose parts say which Office format it is (documentContentType).
  ['application/pdf', (b) => b.toString('latin1', 0, 5) === '%PDF-'],
  ['application/zip', (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04],
];

const OFFICE_PARTS: readonly [string, string][] = [
  ['word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
];

/**
 * The type of a document (PDF, Word .docx, Excel .xlsx) from its bytes: a zip is an Office file when its central
 * directory holds the format's main part. Null for anything else (never the name or the client's header).
 */
export function documentContentType(data: Buffer): string | null {
  const sniffed = sniffContentType(data.subarray(0, 16));
  if (sniffed === 'application/pdf') return sniffed;
  if (sniffed !== 'application/zip') return null;
  const names = new Set((zipEntries(data) ?? []).map((e) => e.name));
  return OFFICE_PARTS.find(([part]) => names.has(part))?.[1] ?? null;
}

export function sniffContentType(head: Buffer): string | null {
  return SIGNATURES.find(([, test]) => test(head))?.[0] ?? null;
}

const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** The chunks of a PNG, each checked against its CRC-32; null when they do not run exactly to the end. */
function pngChunks(b: Buffer): { type: string; data: Buffer }[] | null {
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < b.length; ) {
    if (at + 12 > b.length) return null;
    const length = b.readUInt32BE(at);
    const end = at + 12 + length;
    if (end > b.length) return null;
    const typed = b.subarray(at + 4, at + 8 + length);
    if (crc32(typed) !== b.readUInt32BE(at + 8 + length)) return null;
    chunks.push({ type: typed.toString('latin1', 0, 4), data: typed.subarray(4) });
    at = end;
  }
  return chunks;
}

/**
 * A PNG's size, or null unless the bytes are a whole PNG: the signature, IHDR first, every chunk's CRC, IEND last, and
 * image data that inflates to exactly the rows the header announces (non-interlaced). Inflating runs on libuv's pool.
 */
export async function pngSize(b: Buffer): Promise<{ width: number; height: number } | null> {
  if (!b.subarray(0, 8).equals(PNG_MAGIC)) return null;
  const chunks = pngChunks(b);
  const head = chunks?.[0];
  if (!chunks || head?.type !== 'IHDR' || head.data.length !== 13 || chunks.at(-1)?.type !== 'IEND') return null;
  const [width, height] = [head.data.readUInt32BE(0), head.data.readUInt32BE(4)];
  const [depth, colour, interlace] = [head.data[8] ?? 0, head.data[9] ?? 0, head.data[12] ?? 0];
  const channels = PNG_CHANNELS[colour];
  if (!width || !height || !channels || interlace !== 0) return null;
  const rows = height * (1 + Math.ceil((width * channels * depth) / 8));
  const data = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
  try {
    const raw = await inflateAsync(data, { maxOutputLength: rows });
    return raw.length === rows ? { width, height } : null;
  } catch {
    return null;
  }
}

/** Stores the bytes once under their SHA-256, in the caller's transaction. */
export async function storeFile(trx: Kysely<Database>, file: ReceivedFile, now: Date): Promise<void> {
  await trx
    .insertInto('stored_files')
    .values({ sha256: file.sha256, content_type: file.contentType, size: file.size, data: file.data, created_at: now })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export async function readStoredFile(
  db: Kysely<Database>,
  sha256: string,
): Promise<{ contentType: string; data: Buffer } | undefined> {
  const row = await db
    .selectFrom('stored_files')
    .select(['content_type', 'data'])
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return row ? { contentType: row.content_type, data: Buffer.from(row.data) } : undefined;
}
