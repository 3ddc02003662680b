/**
 * Issue 8, bar 1: a 592 KB .xlsx of 2 million tiny rows and a 1.77 MB one of 6 million, posted to both imports over
 * real HTTP, are refused within 5 s, the server's memory grows by less than 300 MB, and a prober hitting
 * /api/health every 20 ms sees a p99 under 200 ms throughout — two uploads at once included. Zip bombs and
 * truncated files are 4xx, never 500. The workbooks are generated here, deflated as a stream.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { crc32, createDeflateRaw } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../testing/harness.js';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="事故数据" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

interface Part {
  name: string;
  /** The part's text in chunks (a sheet of millions of rows is never one string). */
  chunks: Iterable<string>;
}

async function deflate(chunks: Iterable<string>): Promise<{ data: Buffer; crc: number; size: number }> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve) => z.on('end', resolve));
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    const b = Buffer.from(chunk, 'utf8');
    crc = crc32(b, crc);
    size += b.length;
    if (!z.write(b)) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await done;
  return { data: Buffer.concat(out), crc, size };
}

/** A zip of deflated parts, sizes as given or, for a zip bomb, as `declare` says. */
async function zip(parts: Part[], declare?: (name: string, size: number) => number): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { data, crc, size } = await deflate(part.chunks);
    const name = Buffer.from(part.name, 'utf8');
    const declared = declare ? declare(part.name, size) : size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(declared, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(entry, name);
    offset += 30 + name.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/**
 * Rows of one tiny cell each, generated lazily. Without references (`refs: false`, as in the review's files: the
 * same bytes repeated, which deflate shrinks about 1:400) or with Excel's row and cell references.
 */
function* sheetXml(rows: number, refs: boolean): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const batch = 20_000;
  const bare = '<row><c><v>1</v></c></row>'.repeat(batch);
  for (let from = 1; from <= rows; from += batch) {
    const to = Math.min(from + batch - 1, rows);
    if (!refs) yield to - from + 1 === batch ? bare : '<row><c><v>1</v></c></row>'.repeat(to - from + 1);
    else {
      let s = '';
      for (let r = from; r <= to; r++) s += `<row r="${r}"><c r="A${r}"><v>1</v></c></row>`;
      yield s;
    }
  }
  yield '</sheetData></worksheet>';
}

function workbook(
  rows: number,
  {
    refs = false,
    extra = [],
    declare,
  }: { refs?: boolean; extra?: Part[]; declare?: (name: string, size: number) => number } = {},
): Promise<Buffer> {
  return zip(
    [
      { name: '[Content_Types].xml', chunks: [CONTENT_TYPES] },
      { name: '_rels/.rels', chunks: [ROOT_RELS] },
      { name: 'xl/workbook.xml', chunks: [WORKBOOK] },
      { name: 'xl/_rels/workbook.xml.rels', chunks: [WORKBOOK_RELS] },
      ...extra,
      { name: 'xl/worksheets/sheet1.xml', chunks: sheetXml(rows, refs) },
    ],
    declare,
  );
}

/** Polls /api/health every 20 ms and records each answer's time and the process's peak memory. */
function prober(baseUrl: string) {
  const times: number[] = [];
  let peakRss = process.memoryUsage().rss;
  let running = true;
  const loop = (async () => {
    while (running) {
      const start = performance.now();
      const res = await fetch(`${baseUrl}/api/health`);
      await res.arrayBuffer();
      times.push(performance.now() - start);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const sorted = [...times].sort((a, b) => a - b);
      return { count: times.length, p99: sorted[Math.floor(sorted.length * 0.99)] ?? 0, peakRss };
    },
  };
}

const MB = 1024 * 1024;

describe('hostile uploads', () => {
  let t: TestApp;
  let baseUrl: string;
  let cookie: string;
  let twoMillion: Buffer;
  let sixMillion: Buffer;
  /** 2 million rows as Excel writes them, with references: read until the row limit. */
  let twoMillionWithRefs: Buffer;
  beforeAll(async () => {
    t = await testApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = t.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    cookie = (await t.as('admin.370300')).cookie;
    [twoMillion, sixMillion] = [await workbook(2_000_000), await workbook(6_000_000)];
    twoMillionWithRefs = await workbook(2_000_000, { refs: true });
  }, 120_000);
  afterAll(() => t.close());

  const post = async (url: string, file: Buffer, name = 'rows.xlsx') => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), name);
    const start = performance.now();
    const res = await fetch(`${baseUrl}${url}`, {
      method: 'POST',
      headers: { cookie, 'idempotency-key': randomUUID() },
      body: form,
    });
    const body = await res.json();
    return { status: res.status, body, ms: performance.now() - start };
  };

  it('generates workbooks at least as dense as the review’s (592 KB for 2 million rows, 1.77 MB for 6 million)', () => {
    expect(twoMillion.length).toBeLessThan(592 * 1024);
    expect(sixMillion.length).toBeLessThan(1.77 * MB);
  });

  it.each([
    ['/api/accidents/import?dryRun=true', '2 million rows', () => twoMillion],
    ['/api/accidents/import?dryRun=true', '6 million rows', () => sixMillion],
    ['/api/enterprises/import', '2 million rows', () => twoMillion],
    ['/api/enterprises/import', '6 million rows', () => sixMillion],
    ['/api/accidents/import?dryRun=true', '2 million rows with references', () => twoMillionWithRefs],
    ['/api/enterprises/import', '2 million rows with references', () => twoMillionWithRefs],
  ])('%s refuses %s within 5 s, memory and health unharmed', async (url, _label, file) => {
    const baseRss = process.memoryUsage().rss;
    const probe = prober(baseUrl);
    await new Promise((r) => setTimeout(r, 100));
    const res = await post(url, file());
    const health = await probe.stop();
    console.log(
      `${url} ${_label} (${(file().length / 1024).toFixed(0)} KB): ${res.status} ${res.body.error?.code} in ${res.ms.toFixed(0)} ms; ` +
        `RSS +${((health.peakRss - baseRss) / MB).toFixed(0)} MB; health p99 ${health.p99.toFixed(1)} ms over ${health.count} probes`,
    );
    expect([400, 413]).toContain(res.status);
    expect(res.body.error.code).toMatch(/^IMPORT_(TOO_MANY_ROWS|FILE_TOO_LARGE|FILE_UNREADABLE)$/);
    if (file() === twoMillionWithRefs) expect(res.body.error.code).toBe('IMPORT_TOO_MANY_ROWS');
    expect(res.ms).toBeLessThan(5_000);
    expect(health.peakRss - baseRss).toBeLessThan(300 * MB);
    expect(health.count).toBeGreaterThan(3);
    expect(health.p99).toBeLessThan(200);
  });

  it('two huge uploads at once: both refused, health still answers', async () => {
    const baseRss = process.memoryUsage().rss;
    const probe = prober(baseUrl);
    const [a, b] = await Promise.all([
      post('/api/accidents/import?dryRun=true', twoMillion),
      post('/api/enterprises/import', twoMillionWithRefs),
    ]);
    const health = await probe.stop();
    expect([a.status, b.status].every((s) => s === 413 || s === 400)).toBe(true);
    expect(Math.max(a.ms, b.ms)).toBeLessThan(5_000);
    expect(health.peakRss - baseRss).toBeLessThan(300 * MB);
    expect(health.p99).toBeLessThan(200);
  });

  it('a zip bomb (shared strings declared at 2 GB) and a truncated file: 4xx, never 500', async () => {
    const bomb = await workbook(10, {
      extra: [{ name: 'xl/sharedStrings.xml', chunks: ['<sst/>'] }],
      declare: (name, size) => (name === 'xl/sharedStrings.xml' ? 2_000_000_000 : size),
    });
    const refused = await post('/api/accidents/import?dryRun=true', bomb);
    expect(refused.status).toBe(413);
    expect(refused.body.error.details[0]).toMatchObject({ path: 'file', code: 'inflated_too_large' });
    const truncated = await post(
      '/api/enterprises/import',
      twoMillionWithRefs.subarray(0, twoMillionWithRefs.length >> 1),
    );
    expect(truncated.status).toBe(400);
    expect(truncated.body.error.code).toBe('IMPORT_FILE_UNREADABLE');
  });
});
