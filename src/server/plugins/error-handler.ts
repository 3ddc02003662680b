/** Maps every failure to { error: { code, message, details } }; bad input is a 400, never a 500. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorDetail } from '../errors.js';

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
      return reply
        .code(400)
        .send(
          new AppError('VALIDATION_FAILED', [
            { path: 'body', code: err.code ?? 'bad_request', message: err.message },
          ]).toBody(),
        );
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(new AppError('INTERNAL').toBody());
  });
}
