/** Maps every failure to { error: { code, message, details } }; bad input is a 400, never a 500. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { CalendarGapError } from '../../domain/calendar.js';
import { AppError, type ErrorDetail, fieldError } from '../errors.js';

/** fastify-type-provider-zod puts each Zod issue in `validation[]`: code → keyword, path → instancePath, rest → params. */
function detailsOf(err: FastifyError): ErrorDetail[] {
  const where = err.validationContext ?? 'body';
  return (err.validation ?? []).map((v) => {
    const keys = (v.params as { keys?: string[] } | undefined)?.keys;
    const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    if (v.keyword === 'unrecognized_keys' && keys?.length) {
      return { path: keys.join(','), code: 'unknown_field', message: `不允许的字段：${keys.join('、')}` };
    }
    return { path: path || where, code: v.keyword, message: v.message ?? '格式不正确' };
  });
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return reply.code(err.status).send(err.toBody());
    // A legal period that reaches a year whose 节假日安排 is not loaded: 409, never a Monday–Friday guess.
    if ((err as unknown) instanceof CalendarGapError) {
      const gap = err as unknown as CalendarGapError;
      return reply
        .code(409)
        .send(
          new AppError(
            'CALENDAR_YEAR_MISSING',
            [{ path: 'year', code: 'not_loaded', message: gap.message }],
            gap.message,
          ).toBody(),
        );
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = detailsOf(err);
      const first = details[0];
      return reply
        .code(400)
        .send(
          new AppError('VALIDATION_FAILED', details, first ? `${first.path}: ${first.message}` : undefined).toBody(),
        );
    }
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err.statusCode === 400 && err instanceof SyntaxError)) {
      return reply
        .code(400)
        .send(
          new AppError('MALFORMED_JSON', [
            { path: 'body', code: 'malformed_json', message: '请求体不是有效的 JSON' },
          ]).toBody(),
        );
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .code(413)
        .send(new AppError('PAYLOAD_TOO_LARGE', [{ path: 'body', code: 'too_large', message: '请求体过大' }]).toBody());
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply
        .code(400)
        .send(
          new AppError(
            'VALIDATION_FAILED',
            [{ path: 'content-type', code: 'unsupported_media_type', message: '请求体须为 application/json' }],
            '请求体须为 application/json',
          ).toBody(),
        );
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own 4xx (its messages are English and name internals): a stable code and a Chinese message.
      return reply
        .code(400)
        .send(fieldError('request', (err.code ?? 'bad_request').toLowerCase(), '请求格式不正确').toBody());
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(new AppError('INTERNAL').toBody());
  });
}

/**
 * Errors the router raises before any hook runs — a path whose percent-encoding is not UTF-8 (`/api/accidents/%FF`),
 * a path parameter over the length limit: 400 in our shape, with the headers the hooks would have set.
 */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const body =
    err.code === 'FST_ERR_BAD_URL'
      ? fieldError('url', 'invalid_text', '地址含有无效的编码')
      : fieldError('url', (err.code ?? 'bad_request').toLowerCase(), '请求地址不正确');
  reply.code(400).header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').send(body.toBody());
}
