/**
 * Receiving an uploaded file: the multipart field `file`, within the route scope's size limit (registered with
 * @fastify/multipart in the upload routes only), its name decoded. Parsing happens in the worker pool (tables.ts).
 */
import type { FastifyRequest } from 'fastify';
import { IMPORT_MAX_FILE_BYTES } from '../../contracts/imports.js';
import { AppError } from '../errors.js';

/** Browsers send a file name as UTF-8 bytes; a multipart parser may hand them over read as Latin-1. */
function fileNameOf(raw: string | undefined): string {
  if (!raw) return '';
  const codes = [...raw].map((c) => c.charCodeAt(0));
  // Only a name made of Latin-1 characters, some of them high, can be UTF-8 read the wrong way.
  if (!codes.some((c) => c >= 0x80) || codes.some((c) => c > 0xff)) return raw;
  const utf8 = Buffer.from(raw, 'latin1').toString('utf8');
  return utf8.includes('\ufffd') ? raw : utf8;
}

/** The file of a multipart request (field `file`): 400 IMPORT_NO_FILE without one, 413 over the size limit. */
export async function uploadedFile(req: FastifyRequest): Promise<{ fileName: string; data: Buffer }> {
  if (!req.isMultipart()) throw new AppError('IMPORT_NO_FILE');
  const part = await req.file();
  if (part?.fieldname !== 'file') throw new AppError('IMPORT_NO_FILE');
  try {
    return { fileName: fileNameOf(part.filename), data: await part.toBuffer() };
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(
        'IMPORT_FILE_TOO_LARGE',
        [{ path: 'file', code: 'too_large', message: `文件不能超过${IMPORT_MAX_FILE_BYTES / 1024 / 1024}MB` }],
        `文件过大：不能超过${IMPORT_MAX_FILE_BYTES / 1024 / 1024}MB，请拆分后分批导入`,
      );
    }
    throw e;
  }
}
