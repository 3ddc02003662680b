/**
 * The one JSON body parser of the API, and the text rule at the edge: every string that enters through a body, a
 * query or a path is well-formed Unicode. Invalid UTF-8 bytes and lone UTF-16 surrogates (`"\ud800"`) are a 400
 * `invalid_text` naming the field — never a 500 from the database, never a silent U+FFFD. Nesting deeper than
 * MAX_JSON_DEPTH is a 400 before JSON.parse or any schema walks it (5,000 `[` used to overflow the stack).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type ErrorDetail } from '../errors.js';

/** Deeper than any of our schemas (the deepest is a hazard unit's substance list, about 4 levels). */
export const MAX_JSON_DEPTH = 32;

const INVALID_TEXT_MESSAGE = '含有无效字符（不成对的代理项或无效的 UTF-8 编码）';

function invalidText(path: string): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    [{ path, code: 'invalid_text', message: INVALID_TEXT_MESSAGE }],
    `${path}: ${INVALID_TEXT_MESSAGE}`,
  );
}

function malformed(detail: ErrorDetail): AppError {
  return new AppError('MALFORMED_JSON', [detail]);
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** String.prototype.isWellFormed (ES2024), which our ES2023 library target does not declare. */
export function isWellFormedText(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Deepest bracket nesting outside string literals, stopping as soon as `limit` is passed. */
export function exceedsDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** The dotted path of the first key or string value that is not well-formed Unicode, or null. Iterative: depth is bounded anyway. */
export function firstIllFormed(value: unknown, root = 'body'): string | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: root }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const v = item.value;
    if (typeof v === 'string') {
      if (!isWellFormedText(v)) return item.path;
    } else if (Array.isArray(v)) {
      v.forEach((el, i) => {
        stack.push({ value: el, path: `${item.path}.${i}` });
      });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, el] of Object.entries(v)) {
        const path = item.path === 'body' ? k : `${item.path}.${k}`;
        if (!isWellFormedText(k)) return path;
        stack.push({ value: el, path });
      }
    }
  }
  return null;
}

/** Body bytes → value, or the AppError that explains why not. An empty body is "no body" (POST …/sign). */
export function parseJsonBody(body: Buffer): unknown {
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    throw invalidText('body');
  }
  if (text.trim() === '') return undefined;
  if (exceedsDepth(text, MAX_JSON_DEPTH)) {
    throw malformed({ path: 'body', code: 'too_deep', message: `JSON 嵌套层级不能超过${MAX_JSON_DEPTH}层` });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw malformed({ path: 'body', code: 'malformed_json', message: '请求体不是有效的 JSON' });
  }
  const bad = firstIllFormed(value);
  if (bad) throw invalidText(bad);
  return value;
}

/**
 * Stands for a query value whose percent-encoding is not UTF-8 (`%FF`, an encoded surrogate `%ED%A0%80`): a lone
 * surrogate, so the text rule below refuses it with the field's name instead of passing `%FF` on as text.
 */
const UNDECODABLE = '\ud800';

function decodeComponent(s: string): string {
  try {
    return decodeURIComponent(s.replaceAll('+', ' '));
  } catch {
    return UNDECODABLE;
  }
}

/** The router's query-string parser: `a=1&a=2&b` → { a: ['1', '2'], b: '' }, percent-decoded strictly as UTF-8. */
export function parseQueryString(qs: string): Record<string, unknown> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const pair of qs.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decodeComponent(pair.slice(eq + 1));
    const prev = out[key];
    if (prev === undefined) out[key] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[key] = [prev, value];
  }
  return out;
}

/** Query strings and path parameters: the same text rule (the router has already percent-decoded them). */
function checkUrlText(req: FastifyRequest): void {
  const bad = firstIllFormed(req.query, 'query') ?? firstIllFormed(req.params, 'params');
  if (bad) throw invalidText(bad.replace(/^(query|params)\./, ''));
}

export function registerInputRules(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  app.addHook('preValidation', async (req) => checkUrlText(req));
}
