import type { FastifyReply } from 'fastify';
import { XLSX_CONTENT_TYPE } from './xlsx.js';

/**
 * Download headers for generated documents. Chinese file names travel in `filename*` (RFC 6266 / RFC 5987,
 * UTF-8 percent-encoded); `filename` carries an ASCII fallback for old clients.
 *
 *   reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', attachment('统计月报.xlsx'))
 */

/** RFC 5987 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else percent-encoded from UTF-8. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="..."; filename*=UTF-8''...` for a (possibly Chinese) file name (`inline` to show it). */
export function attachment(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 ? fileName.slice(dot).replace(/[^A-Za-z0-9.]/g, '') : '';
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  // A Chinese name has no useful ASCII form: old clients get a neutral name, current ones use filename*.
  const fallback = /^[\x20-\x7e]+$/.test(stem) ? `${stem.replace(/["\\]/g, '_')}${ext}` : `download${ext}`;
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/** A generated .xlsx export: its name, bytes, row count and whether the list was cut at the export's limit. */
export interface ExportFile {
  fileName: string;
  data: Buffer;
  rows: number;
  truncated: boolean;
}

/** Sends an export as an attachment, with its row count and truncation in headers (x-export-rows, -truncated). */
export function sendExport(reply: FastifyReply, file: ExportFile): FastifyReply {
  return reply
    .header('content-type', XLSX_CONTENT_TYPE)
    .header('content-disposition', attachment(file.fileName))
    .header('x-export-rows', String(file.rows))
    .header('x-export-truncated', String(file.truncated))
    .send(file.data);
}
