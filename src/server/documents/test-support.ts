/** Test helpers for generated documents: raw downloads over app.inject and LibreOffice conversion. */
import JSZip from 'jszip';
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

/** The text of a .docx's body (word/document.xml without its tags), to check what a document says. */
export async function docxText(file: Buffer): Promise<string> {
  const xml = (await (await JSZip.loadAsync(file)).file('word/document.xml')?.async('string')) ?? '';
  return xml.replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (para) => `${para.replace(/<[^>]+>/g, '')}\n`).replace(/<[^>]+>/g, '');
}
