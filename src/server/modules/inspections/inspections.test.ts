/**
 * 现场检查 through the API (issue 10 §2, bar 1 server side, bar 4–5): evidence stored by SHA-256 and never doubled,
 * an inspection recorded once per Idempotency-Key with its team of certified officers, its 不符合 items turned into
 * dangers with their orders, the 现场检查记录 numbered and opened by LibreOffice, and who may see what.
 */
import { createHash, randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainPng, pngChunk } from '../../db/seed/png.js';
import { sofficePath } from '../../documents/soffice.js';
import { convertDocument, docxText, downloadRaw } from '../../documents/test-support.js';
import { buildEnterprise, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';

const NOW = '2026-12-01T10:00:00+08:00';
const DEMO_CODE = '91370303MA3C4B2X1Y'; // 淄博鑫泰化工有限公司, 张店区

let t: TestApp;
let inspector: Client; // inspector.370303
let ent: Client;
let foreign: Client; // inspector.370305 (临淄区)
let enterpriseId: string;
let team: string[];

/** The smallest JPEG and PNG headers the server recognises, with distinct tails. */
const jpeg = (tail: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from(tail)]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const dataUrl = (b: Buffer) => `data:image/png;base64,${b.toString('base64')}`;
const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const upload = (client: Client, fields: Record<string, string>, file?: { name: string; data: Buffer }) =>
  client.upload('/api/evidence', fields, file);

const evidenceFields = (id: string, overrides: Record<string, string> = {}) => ({
  id,
  enterpriseId,
  kind: 'photo',
  capturedAt: '2026-12-01T09:40:00+08:00',
  latitude: '36.8131',
  longitude: '118.0549',
  ...overrides,
});

const inspection = (overrides: Record<string, unknown> = {}) => ({
  enterpriseId,
  kind: 'special',
  startedAt: '2026-12-01T09:00:00+08:00',
  finishedAt: '2026-12-01T09:50:00+08:00',
  place: '液氨罐区及配电室',
  team,
  items: [
    { code: 'GEN-001', result: 'conform' },
    { code: 'GEN-002', result: 'not_applicable' },
    {
      code: 'HC-004',
      result: 'nonconform',
      note: '罐区未设紧急切断',
      disposition: 'danger',
      danger: { level: 'general', deadline: '2026-12-20', measures: '加装紧急切断阀' },
    },
  ],
  findings: '检查3项，1项不符合，已责令限期整改。',
  signature: { status: 'signed', representativeName: '王建国' },
  ...overrides,
});

const count = async (table: 'inspections' | 'hidden_dangers' | 'evidence') =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.db.kysely)).rows[0]?.n);

beforeAll(async () => {
  t = await testApp({ clock: testClock(NOW), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
  [inspector, ent, foreign] = await Promise.all([
    t.as('inspector.370303'),
    t.as(`ent.${DEMO_CODE}`),
    t.as('inspector.370305'),
  ]);
  const own = await ent.get('/api/enterprises');
  enterpriseId = own.body.items.find((e: { creditCode: string }) => e.creditCode === DEMO_CODE)?.id;
  if (!enterpriseId)
    enterpriseId = (await inspector.post('/api/enterprises', buildEnterprise({ creditCode: DEMO_CODE }))).body.id;
  const officers = await inspector.get('/api/inspections/officers');
  team = officers.body.items
    .filter((o: { regionCode: string }) => o.regionCode === '370303')
    .map((o: { userId: string }) => o.userId);
});
afterAll(() => t.close());

describe('officers and the checklist', () => {
  it('lists only certified officers of the jurisdiction, each with an 执法证号', async () => {
    const res = await inspector.get('/api/inspections/officers');
    expect(res.status).toBe(200);
    expect(team.length).toBe(2);
    expect(res.body.items.length).toBeGreaterThan(2); // the town's officers too
    for (const o of res.body.items) {
      expect(o.cert).toMatch(/^370303\d{5}$/);
      expect(o.regionCode.startsWith('370303')).toBe(true);
    }
    expect((await ent.get('/api/inspections/officers')).status).toBe(403);
  });

  it('serves the library of at least 80 items with their legal basis, and the templates', async () => {
    const res = await inspector.get('/api/inspections/checklist');
    expect(res.body.items.length).toBeGreaterThanOrEqual(80);
    expect(res.body.items.find((i: { code: string }) => i.code === 'HC-004')).toMatchObject({
      sector: 'hazardous_chemicals',
      basis: { law: expect.any(String), article: expect.stringMatching(/^第.+条|^\d/) },
    });
    const chemical = await inspector.get('/api/inspections/checklist?sector=hazardous_chemicals');
    expect(chemical.body.items.every((i: { sector: string }) => i.sector === 'hazardous_chemicals')).toBe(true);
    expect((await inspector.get('/api/inspections/checklist?sector=mining')).status).toBe(400);
  });
});

describe('evidence', () => {
  it('stores a photo by its SHA-256; the same id again is the same evidence, never a second file', async () => {
    const id = randomUUID();
    const data = jpeg('photo-one');
    const first = await upload(inspector, evidenceFields(id), { name: '罐区.jpg', data });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      id,
      kind: 'photo',
      sha256: digest(data),
      contentType: 'image/jpeg',
      fileName: '罐区.jpg',
      location: { latitude: 36.8131, longitude: 118.0549 },
    });
    const files = await count('evidence');
    const again = await upload(inspector, evidenceFields(id), { name: '罐区.jpg', data });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(id);
    expect(await count('evidence')).toBe(files);
    const other = await upload(inspector, evidenceFields(id), { name: 'x.jpg', data: jpeg('other bytes') });
    expect(other).toMatchObject({ status: 409, body: { error: { code: 'EVIDENCE_CONFLICT' } } });
    // The same bytes under the id, for another enterprise: not the same evidence.
    const elsewhere = (await inspector.post('/api/enterprises', buildEnterprise())).body.id;
    const moved = await upload(inspector, evidenceFields(id, { enterpriseId: elsewhere }), { name: '罐区.jpg', data });
    expect(moved).toMatchObject({ status: 409, body: { error: { code: 'EVIDENCE_CONFLICT' } } });
  });

  it('refuses what is not a photo or a recording, a type that is not the kind, and bad fields — with the field', async () => {
    const text = await upload(inspector, evidenceFields(randomUUID()), {
      name: 'a.jpg',
      data: Buffer.from('not an image'),
    });
    expect(text.status).toBe(400);
    expect(text.body.error.details[0]).toMatchObject({ path: 'file', code: 'unsupported_type' });
    const mismatch = await upload(inspector, evidenceFields(randomUUID(), { kind: 'audio' }), {
      name: 'a.png',
      data: png,
    });
    expect(mismatch.body.error.details[0]).toMatchObject({ path: 'file', code: 'type_mismatch' });
    const noLongitude = await upload(inspector, evidenceFields(randomUUID(), { longitude: '' }), {
      name: 'a.png',
      data: png,
    });
    expect(noLongitude.status).toBe(400);
    const noFile = await upload(inspector, evidenceFields(randomUUID()));
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.details).toEqual([
      { path: 'file', code: 'required', message: expect.stringContaining('上传') },
    ]);
    const empty = await upload(inspector, evidenceFields(randomUUID()), { name: 'a.png', data: Buffer.alloc(0) });
    expect(empty.body.error.details[0]).toMatchObject({ path: 'file', code: 'required' });
    const future = await upload(inspector, evidenceFields(randomUUID(), { capturedAt: '2099-12-05T10:00:00+08:00' }), {
      name: 'a.png',
      data: png,
    });
    expect(future.body.error.details[0]).toMatchObject({ path: 'capturedAt', code: 'future' });
    const badId = await upload(inspector, evidenceFields('x'), { name: 'a.png', data: png });
    expect(badId.body.error.details[0].path).toBe('id');
  });

  it('a file over the upload limit is a 413 naming the file, and nothing is stored', async () => {
    const files = await count('evidence');
    const big = Buffer.concat([jpeg('big'), Buffer.alloc(21 * 1024 * 1024)]);
    const res = await upload(inspector, evidenceFields(randomUUID()), { name: 'big.jpg', data: big });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({
      code: 'IMPORT_FILE_TOO_LARGE',
      details: [{ path: 'file', code: 'too_large' }],
    });
    const photo = Buffer.concat([jpeg('photo'), Buffer.alloc(11 * 1024 * 1024)]);
    const over = await upload(inspector, evidenceFields(randomUUID()), { name: 'photo.jpg', data: photo });
    expect(over.status).toBe(413);
    expect(over.body.error.details[0].message).toContain('10MB');
    expect(await count('evidence')).toBe(files);
  });

  it('a foreign county cannot attach evidence to the enterprise (404); an enterprise cannot upload (403)', async () => {
    expect((await upload(foreign, evidenceFields(randomUUID()), { name: 'a.png', data: png })).status).toBe(404);
    expect((await upload(ent, evidenceFields(randomUUID()), { name: 'a.png', data: png })).status).toBe(403);
  });
});

describe('recording an inspection', () => {
  let id: string;
  const photos = [jpeg('tank-1'), jpeg('tank-2')];
  const photoIds = [randomUUID(), randomUUID()];

  it('records it once per key, with its evidence, and the 不符合 item becomes a danger with its order', async () => {
    for (const [i, data] of photos.entries()) {
      expect((await upload(inspector, evidenceFields(photoIds[i] as string), { name: `p${i}.jpg`, data })).status).toBe(
        201,
      );
    }
    const body = inspection({
      items: [
        { code: 'GEN-001', result: 'conform', evidence: [photoIds[0]] },
        { code: 'GEN-002', result: 'not_applicable' },
        {
          code: 'HC-004',
          result: 'nonconform',
          note: '罐区未设紧急切断',
          evidence: [photoIds[1]],
          disposition: 'danger',
          danger: { level: 'general', deadline: '2026-12-20', measures: '加装紧急切断阀' },
        },
      ],
    });
    const before = { inspections: await count('inspections'), dangers: await count('hidden_dangers') };
    const key = { 'idempotency-key': 'inspection-device-1' };
    const res = await inspector.post('/api/inspections', body, key);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.id;
    expect(res.body).toMatchObject({
      inspectedOn: '2026-12-01',
      itemCount: 3,
      nonconforming: 1,
      team: [
        { name: expect.any(String), cert: expect.stringMatching(/^370303/) },
        { name: expect.any(String), cert: expect.stringMatching(/^370303/) },
      ],
      signature: { status: 'signed', representativeName: '王建国' },
      documents: [{ kind: 'inspection_record', number: expect.stringMatching(/^（淄张）应急检记〔2026〕\d+号$/) }],
    });
    expect(res.body.evidence.map((e: { sha256: string }) => e.sha256).sort()).toEqual(photos.map(digest).sort());
    expect(res.body.dangers).toEqual([
      {
        id: expect.any(String),
        level: 'general',
        description: expect.stringContaining('罐区未设紧急切断'),
        status: 'rectifying',
      },
    ]);
    const item = res.body.items[2];
    expect(item).toMatchObject({ code: 'HC-004', result: 'nonconform', dangerId: res.body.dangers[0].id });
    expect(item.basis.law).toBeTruthy();

    const retry = await inspector.post('/api/inspections', body, key);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(id);
    expect(await count('inspections')).toBe(before.inspections + 1);
    expect(await count('hidden_dangers')).toBe(before.dangers + 1);

    const danger = await inspector.get(`/api/hidden-dangers/${res.body.dangers[0].id}`);
    expect(danger.body).toMatchObject({ source: 'inspection', deadline: '2026-12-20', level: 'general' });
    expect(danger.body.documents.map((d: { kind: string }) => d.kind)).toEqual(['rectification_order']);
  });

  it('the enterprise sees its inspection and the danger; a foreign county gets 404; the register filters', async () => {
    const own = await ent.get(`/api/inspections/${id}`);
    expect(own.status).toBe(200);
    expect((await ent.get('/api/inspections')).body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await ent.get('/api/hidden-dangers')).body.items.map((d: { id: string }) => d.id)).toContain(
      own.body.dangers[0].id,
    );
    expect((await foreign.get(`/api/inspections/${id}`)).status).toBe(404);
    expect((await foreign.get('/api/inspections')).body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await foreign.get(`/api/evidence/${own.body.evidence[0].id}`)).status).toBe(404);
    const withFindings = await inspector.get('/api/inspections?status=with_findings&from=2026-12-01&to=2026-12-01');
    expect(withFindings.body.items.map((i: { id: string }) => i.id)).toContain(id);
    const clean = await inspector.get('/api/inspections?status=clean');
    expect(clean.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await foreign.get('/api/inspections?regionCode=370303')).status).toBe(403);
  });

  it('counts in the statistics: inspections, enterprises inspected and orders, rolled up to the city', async () => {
    const county = await inspector.get('/api/hidden-dangers/stats?from=2026-12-01&to=2026-12-01');
    expect(county.body.total).toMatchObject({ inspections: 1, enterprisesInspected: 1, ordersIssued: 1 });
    const leader = await t.as('leader.370300');
    const city = await leader.get('/api/hidden-dangers/stats?from=2026-12-01&to=2026-12-01');
    expect(city.body.rows.find((r: { regionCode: string }) => r.regionCode === '370303')).toMatchObject({
      inspections: 1,
      enterprisesInspected: 1,
    });
  });

  it('serves each photo with its digest; the bytes are the ones uploaded', async () => {
    const view = await inspector.get(`/api/inspections/${id}`);
    for (const e of view.body.evidence) {
      const file = await downloadRaw(t, inspector, `/api/evidence/${e.id}`);
      expect(file.status).toBe(200);
      expect(digest(file.body)).toBe(e.sha256);
      expect(file.headers['x-content-sha256']).toBe(e.sha256);
    }
  });

  it('evidence of a recorded inspection cannot be cited by another (409), and nothing is half-written', async () => {
    const view = await inspector.get(`/api/inspections/${id}`);
    const before = { inspections: await count('inspections'), dangers: await count('hidden_dangers') };
    const res = await inspector.post('/api/inspections', inspection({ evidence: [view.body.evidence[0].id] }));
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'EVIDENCE_CONFLICT' } } });
    expect(await count('inspections')).toBe(before.inspections);
    expect(await count('hidden_dangers')).toBe(before.dangers);
  });

  it('prints the 现场检查记录 with the team, each item and its basis; LibreOffice opens it', async () => {
    const view = await inspector.get(`/api/inspections/${id}`);
    const doc = view.body.documents[0];
    const file = await downloadRaw(t, ent, `/api/inspections/${id}/documents/${doc.id}.docx`);
    expect(file.status).toBe(200);
    const text = await docxText(file.body);
    expect(text).toContain('现场检查记录');
    expect(text).toContain(doc.number);
    expect(text).toContain('王建国');
    for (const m of view.body.team) expect(text).toContain(m.cert);
    expect(text).toContain('不符合');
    if (sofficePath()) {
      const pdf = await convertDocument(file.body, 'docx', 'pdf');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    }
  });
});

describe('the representative signs on the device', () => {
  const drawn = plainPng(600, 240, [250, 250, 250]);
  let id: string;

  it('the drawn signature is kept as sent, shown to whoever may see the record, and a foreign county gets 404', async () => {
    const signature = { status: 'signed', representativeName: '王建国', image: dataUrl(drawn) };
    const res = await inspector.post('/api/inspections', inspection({ signature }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.id;
    expect(res.body.signature).toEqual({ status: 'signed', representativeName: '王建国', hasImage: true });
    for (const client of [inspector, ent]) {
      const file = await downloadRaw(t, client, `/api/inspections/${id}/signature.png`);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('image/png');
      expect(digest(file.body)).toBe(digest(drawn));
    }
    expect((await foreign.get(`/api/inspections/${id}/signature.png`)).status).toBe(404);
  });

  it('an inspection signed without a drawing has no signature image (404)', async () => {
    const res = await inspector.post('/api/inspections', inspection());
    expect(res.body.signature.hasImage).toBe(false);
    expect((await inspector.get(`/api/inspections/${res.body.id}/signature.png`)).status).toBe(404);
  });

  it('the 现场检查记录 prints the drawing under the representative’s name; LibreOffice opens it', async () => {
    const view = await inspector.get(`/api/inspections/${id}`);
    const file = await downloadRaw(t, inspector, `/api/inspections/${id}/documents/${view.body.documents[0].id}.docx`);
    const zip = await JSZip.loadAsync(file.body);
    const media = zip.file(/^word\/media\/.+\.png$/);
    expect(media).toHaveLength(1);
    expect(digest(await (media[0] as JSZip.JSZipObject).async('nodebuffer'))).toBe(digest(drawn));
    expect(await docxText(file.body)).toContain('被检查单位现场负责人（签名）：王建国');
    if (sofficePath()) {
      const pdf = await convertDocument(file.body, 'docx', 'pdf');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    }
  });
});

/** PNGs that start right and are not whole pictures: each would have been printed on the 现场检查记录. */
function brokenSignatures(): [string, Buffer][] {
  const good = plainPng(40, 20, [255, 255, 255]);
  const flipped = Buffer.from(good);
  flipped[good.length - 20] = (flipped[good.length - 20] ?? 0) ^ 0xff;
  return [
    ['a PNG header alone', good.subarray(0, 33)],
    ['a PNG with a wrong CRC', flipped],
    [
      'image data that does not inflate',
      Buffer.concat([
        good.subarray(0, 33),
        pngChunk('IDAT', Buffer.from('garbage')),
        pngChunk('IEND', Buffer.alloc(0)),
      ]),
    ],
    ['a PNG with a script after it', Buffer.concat([good, Buffer.from('<script>alert(1)</script>')])],
  ];
}

describe('refused without writing anything', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a team of one', { team: ['00000000-0000-7000-8000-000000000001'] }, 'team'],
    ['an unknown item', { items: [{ code: 'NO-SUCH', result: 'conform' }] }, 'items.0.code'],
    [
      'a 不符合 item without a disposition',
      { items: [{ code: 'GEN-001', result: 'nonconform' }] },
      'items.0.disposition',
    ],
    [
      'a 重大 danger without on-site measures',
      {
        items: [
          {
            code: 'HC-004',
            result: 'nonconform',
            disposition: 'danger',
            danger: { level: 'major', deadline: '2026-12-31' },
          },
        ],
      },
      'items.0.danger.immediateMeasures',
    ],
    [
      'an order on a 符合 item',
      { items: [{ code: 'GEN-001', result: 'conform', danger: { level: 'general', deadline: '2026-12-20' } }] },
      'items.0.danger',
    ],
    [
      'a violation that also carries an order',
      {
        items: [
          {
            code: 'GEN-001',
            result: 'nonconform',
            disposition: 'violation',
            violation: { description: '未建立全员安全生产责任制' },
            danger: { level: 'general', deadline: '2026-12-20' },
          },
        ],
      },
      'items.0.danger',
    ],
    [
      'a refusal without a witness',
      { signature: { status: 'refused', representativeName: '王建国' } },
      'signature.witness',
    ],
    ['an end before the start', { finishedAt: '2026-12-01T08:00:00+08:00' }, 'finishedAt'],
    [
      'a plan item that is not this enterprise’s',
      { kind: 'plan', planItemId: '00000000-0000-7000-8000-000000000002' },
      'planItemId',
    ],
    [
      'a signature that is not a PNG',
      { signature: { status: 'signed', representativeName: '王建国', image: 'data:image/png;base64,AAAA' } },
      'signature.image',
    ],
    ...brokenSignatures().map(
      ([name, png]) =>
        [
          name,
          { signature: { status: 'signed', representativeName: '王建国', image: dataUrl(png) } },
          'signature.image',
        ] as [string, Record<string, unknown>, string],
    ),
    [
      'a signature of more than 2,000 pixels a side',
      { signature: { status: 'signed', representativeName: '王建国', image: dataUrl(plainPng(2400, 4, [0, 0, 0])) } },
      'signature.image',
    ],
    ['a plan item on an inspection that is not a 计划检查', { planItemId: randomUUID() }, 'planItemId'],
    ['a visit of more than 72 hours', { startedAt: '2026-11-28T09:00:00+08:00' }, 'finishedAt'],
    [
      'a start in the future',
      { startedAt: '2026-12-02T09:00:00+08:00', finishedAt: '2026-12-02T10:00:00+08:00' },
      'startedAt',
    ],
  ];
  it.each(cases)('%s: 400 on the field', async (_name, overrides, path) => {
    const before = { inspections: await count('inspections'), dangers: await count('hidden_dangers') };
    const res = await inspector.post('/api/inspections', inspection(overrides));
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(typeof res.body.error.message).toBe('string');
    expect(await count('inspections')).toBe(before.inspections);
    expect(await count('hidden_dangers')).toBe(before.dangers);
  });

  it('an officer without a certificate cannot be on the team', async () => {
    const duty = await t.db.kysely
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'duty.370303')
      .executeTakeFirstOrThrow();
    const res = await inspector.post('/api/inspections', inspection({ team: [team[0], duty.id] }));
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({ path: 'team.1', code: 'not_officer' });
  });

  it('roles: an enterprise and a leader cannot record (403); a foreign county cannot for this enterprise (404)', async () => {
    const leader = await t.as('leader.370303');
    expect((await ent.post('/api/inspections', inspection())).status).toBe(403);
    expect((await leader.post('/api/inspections', inspection())).status).toBe(403);
    expect((await foreign.post('/api/inspections', inspection())).status).toBe(404);
  });
});

describe('importing checklist items (.xlsx)', () => {
  const HEADER = ['编号', '行业领域', '分组', '检查内容', '依据法规', '条款', '条文内容'];
  const ROW = [
    'SD-001',
    '工贸',
    '山东省地方规定',
    '是否落实全员安全生产责任制公示',
    '山东省安全生产条例',
    '第十条',
    '生产经营单位应当建立健全全员安全生产责任制',
  ];

  async function workbook(rows: unknown[][]): Promise<Buffer> {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('检查事项');
    sheet.addRow(HEADER);
    for (const r of rows) sheet.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  const importAs = (client: Client, data: Buffer) =>
    client.upload('/api/inspections/checklist/import', {}, { name: '检查事项.xlsx', data });

  it('a provincial administrator adds items for the province; a revision replaces, an unchanged row writes nothing', async () => {
    const province = await t.as('admin.370000');
    const first = await importAs(province, await workbook([ROW]));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ imported: 1, unchanged: 0, codes: ['SD-001'] });
    const offered = await inspector.get('/api/inspections/checklist?sector=industry_trade');
    expect(offered.body.items.find((i: { code: string }) => i.code === 'SD-001')).toMatchObject({
      group: '山东省地方规定',
      basis: { law: '山东省安全生产条例', article: '第十条' },
    });
    expect((await importAs(province, await workbook([ROW]))).body).toMatchObject({ imported: 0, unchanged: 1 });
    const revised = [...ROW];
    revised[3] = '全员安全生产责任制是否公示并考核';
    expect((await importAs(province, await workbook([revised]))).body).toMatchObject({ imported: 1 });
    const rows = await t.db.kysely
      .selectFrom('checklist_items')
      .select(['revision', 'requirement'])
      .where('code', '=', 'SD-001')
      .orderBy('revision')
      .execute();
    expect(rows.map((r) => r.revision)).toEqual([1, 2]);
    // An inspection may check it, with its text as imported.
    const res = await inspector.post(
      '/api/inspections',
      inspection({ items: [{ code: 'SD-001', result: 'conform' }] }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.items[0]).toMatchObject({ code: 'SD-001', requirement: '全员安全生产责任制是否公示并考核' });
  });

  it('refuses the whole file on a bad row, naming the row and the column; only a province administrator imports', async () => {
    const province = await t.as('admin.370000');
    const before = await count('inspections');
    const bad = await importAs(
      province,
      await workbook([
        ['SD-002', '矿山', '分组', '内容', '法', '第一条', '文'],
        ['', '工贸', '分组', '内容', '法', '第一条', '文'],
      ]),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['rows.2.sector', 'rows.3.code']);
    expect(
      (await province.get('/api/inspections/checklist')).body.items.map((i: { code: string }) => i.code),
    ).not.toContain('SD-002');
    const countyAdmin = await t.as('admin.370303');
    expect((await importAs(countyAdmin, await workbook([ROW]))).status).toBe(403);
    expect((await importAs(inspector, await workbook([ROW]))).status).toBe(403);
    expect(await count('inspections')).toBe(before);
  });
});
