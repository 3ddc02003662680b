/** Region reads: the API over the region repo, and the process cache that keeps hits only. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../testing/harness.js';
import { lookupRegion } from './lookup.js';

// A town code the pinned dataset does not hold, so the test can add and remove it.
const PROBE = { code: '370303999', name: '测试镇', level: 'town', parent_code: '370303', full_name: '测试镇全称' };

describe('regions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('lists children and reads one region', async () => {
    const c = await t.as('duty.370303');
    const children = await c.get('/api/regions?parent=370300');
    expect(children.status).toBe(200);
    expect(children.body.items.map((r: { code: string }) => r.code)).toContain('370303');
    expect(children.body.items[0]).toMatchObject({ parentCode: '370300', level: 'county' });
    const one = await c.get('/api/regions/370303');
    expect(one.body).toMatchObject({ code: '370303', parentCode: '370300', level: 'county' });
    expect((await c.get('/api/regions/370399')).status).toBe(404);
  });

  it('does not remember a miss: a region that appears later is found at once', async () => {
    expect(await lookupRegion(t.db, PROBE.code)).toBeUndefined();
    await t.db.kysely.insertInto('regions').values(PROBE).execute();
    expect(await lookupRegion(t.db, PROBE.code)).toEqual({ level: 'town', full_name: PROBE.full_name });
  });

  it('remembers a hit: reference data is read once per process', async () => {
    expect(await lookupRegion(t.db, PROBE.code)).toBeDefined();
    await t.db.kysely.deleteFrom('regions').where('code', '=', PROBE.code).execute();
    expect(await lookupRegion(t.db, PROBE.code)).toEqual({ level: 'town', full_name: PROBE.full_name });
  });
});
