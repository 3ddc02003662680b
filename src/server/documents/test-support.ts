/** Test helpers for generated documents: raw downloads over app.inject and LibreOffice conversion. */
import type { TestApp } from '../testing/harness.js';
import { convertWithSoffice } from './soffice.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
}

/** GET with the client's session cookie, the body kept as bytes (the harness's client decodes text). */
export async function downloadRaw(t: TestApp, client: { cookie: string }, url: string): Promise<RawResponse> {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: client.cookie } });
  return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
}

/** soffice --convert-to with a 60 s limit, as bar 3 asks ("open in LibreOffice headless"). */
export function convertDocument(file: Buffer, ext: 'docx' | 'xlsx', target: string): Promise<Buffer> {
  return convertWithSoffice(file, ext, target, 60_000);
}
