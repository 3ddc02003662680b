/**
 * Receiving uploads, for every module: the scope that accepts multipart (registered for the upload routes only, so
 * every other route keeps its JSON-only body handling and the global 413), one file (field `file`) within the scope's
 * size limit, its name decoded. A table file is parsed in the worker pool (tables.ts); evidence is hashed as it
 * streams and kept by its SHA-256 (files.ts).
 */
import { createHash } from 'node:crypto';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IMPORT_MAX_FILE_BYTES } from '../../contracts/imports.js';
import { EVIDENCE_MAX_BYTES } from '../../contracts/inspections.js';
import { AppError, fieldError } from '../errors.js';
import { type ReceivedFile, sniffContentType } from './files.js';

/** The most one upload may carry, whatever the route: an import table or a piece of evidence. */
const UPLOAD_MAX_BYTES = Math.max(IMPORT_MAX_FILE_BYTES, EVIDENCE_MAX_BYTES);

/**
 * Registers upload routes in a scope of their own: multipart with at most one file of UPLOAD_MAX_BYTES, and any body
 * that is neither multipart nor JSON answered with `hint` (which says what to send) instead of a generic 415.
 */
export async function uploadScope(
  app: FastifyInstance,
  hint: string,
  routes: (scope: FastifyInstance) => void | Promise<void>,
): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 10, parts: 20 } });
    scope.addContentTypeParser('*', (_req, _payload, done) => {
      done(
        new AppError('IMPORT_UNSUPPORTED_FORMAT', [
          { path: 'content-type', code: 'unsupported_media_type', message: hint },
        ]),
        undefined,
      );
    });
    await routes(scope);
  });
}

/** 413 naming the file, with the limit in MB. */
export function fileTooLarge(maxBytes: number, what = '文件'): AppError {
  const mb = Math.round(maxBytes / 1024 / 1024);
  return new AppError(
    'IMPORT_FILE_TOO_LARGE',
    [{ path: 'file', code: 'too_large', message: `${what}不能超过${mb}MB` }],
    `${what}过大：不能超过${mb}MB`,
  );
}

/** Browsers send a file name as UTF-8 bytes; a multipart parser may hand them over read as Latin-1. */
export function decodeFileName(raw: string | undefined): string {
  if (!raw) return '';
  const codes = [...raw].map((c) => c.charCodeAt(0));
  // Only a name made of Latin-1 characters, some of them high, can be UTF-8 read the wrong way.
  if (!codes.some((c) => c >= 0x80) || codes.some((c) => c > 0xff)) return raw;
  const utf8 = Buffer.from(raw, 'latin1').toString('utf8');
  return utf8.includes('\ufffd') ? raw : utf8;
}

/** 400 naming the field `file`: none was sent, or an empty one. */
export function noFile(): AppError {
  return new AppError('IMPORT_NO_FILE', [
    { path: 'file', code: 'required', message: '请选择要上传的文件（表单字段 file）' },
  ]);
}

/** The file of a multipart request (field `file`): 400 IMPORT_NO_FILE without one, 413 over the size limit. */
export async function uploadedFile(req: FastifyRequest): Promise<{ fileName: string; data: Buffer }> {
  if (!req.isMultipart()) throw noFile();
  const part = await req.file();
  if (part?.fieldname !== 'file') throw noFile();
  try {
    return { fileName: decodeFileName(part.filename), data: await part.toBuffer() };
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      const tooLarge = fileTooLarge(IMPORT_MAX_FILE_BYTES);
      throw new AppError(tooLarge.code, tooLarge.details, `${tooLarge.message}，请拆分后分批导入`);
    }
    throw e;
  }
}

/** Reads the file as it streams, hashing each chunk (no single long hash on the event loop), up to `maxBytes`. */
async function hashStream(part: MultipartFile, maxBytes: number): Promise<Omit<ReceivedFile, 'contentType'>> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      part.file.resume();
      throw fileTooLarge(maxBytes);
    }
    hash.update(chunk);
    chunks.push(chunk);
  }
  if (part.file.truncated) throw fileTooLarge(maxBytes);
  return { fileName: decodeFileName(part.filename), sha256: hash.digest('hex'), size, data: Buffer.concat(chunks) };
}

/**
 * The fields and the one file (field `file`) of a multipart upload, the file hashed as it streams and its type read
 * from its first bytes (null: not a type the platform knows). 400 IMPORT_NO_FILE without a file or with an empty one.
 */
export async function receiveUpload(
  req: FastifyRequest,
  maxBytes: number,
): Promise<{
  fields: Record<string, string>;
  file: Omit<ReceivedFile, 'contentType'> & { contentType: string | null };
}> {
  if (!req.isMultipart()) throw noFile();
  const fields: Record<string, string> = {};
  let file: (Omit<ReceivedFile, 'contentType'> & { contentType: string | null }) | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'field') {
      if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      continue;
    }
    if (part.fieldname !== 'file' || file) {
      part.file.resume();
      throw fieldError(part.fieldname, 'unexpected_file', '只能上传一个文件（字段 file）');
    }
    const received = await hashStream(part, maxBytes);
    file = { ...received, contentType: sniffContentType(received.data.subarray(0, 16)) };
  }
  if (!file || file.size === 0) throw noFile();
  return { fields, file };
}
