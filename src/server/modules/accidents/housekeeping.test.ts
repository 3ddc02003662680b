import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../domain/time.js';
import { buildAccident, type TestApp, testApp, testClock } from '../../testing/harness.js';
import { IDEMPOTENCY_RETENTION_DAYS, purgeExpiredIdempotencyKeys } from './housekeeping.js';

describe('idempotency key retention', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ clock: testClock('2026-11-25T10:00:00+08:00') });
  });
  afterAll(() => t.close());

  it('answers a retry within the retention period and forgets the key after it; the report stays', async () => {
    const county = await t.as('duty.370303');
    const body = buildAccident({}, t.clock.now());
    const first = await county.post('/api/accidents', body, { 'idempotency-key': 'retention-1' });
    expect(first.status).toBe(201);

    t.clock.advance(IDEMPOTENCY_RETENTION_DAYS * DAY_MS - 1000);
    expect(await purgeExpiredIdempotencyKeys(t.ctx)).toBe(0);
    const again = await t.as('duty.370303'); // a week later the old session has long expired
    const retry = await again.post('/api/accidents', body, { 'idempotency-key': 'retention-1' });
    expect(retry.body.id).toBe(first.body.id);

    t.clock.advance(2000);
    expect(await purgeExpiredIdempotencyKeys(t.ctx)).toBe(1);
    const keys = await t.db.kysely
      .selectFrom('idempotency_keys')
      .select('key')
      .where('key', '=', 'retention-1')
      .execute();
    expect(keys).toHaveLength(0);
    expect((await again.get(`/api/accidents/${first.body.id}`)).status).toBe(200);
  });
});
