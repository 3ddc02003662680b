/**
 * Production hardening: disables every demo user (is_demo = true, password Anjian@2026) and ends their
 * sessions. Each change is audited. Idempotent: users already disabled are left alone.
 *
 *   npx tsx scripts/disable-demo-users.ts
 *
 * Uses the configured database (DATABASE_URL, or PGlite in ANJIAN_DATA_DIR: stop the server first).
 * Demo organisations and their accident history stay (they are part of the audit trail); create a real
 * admin first with scripts/create-admin.ts.
 */
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/setup.js';
import { appendAudit } from '../src/server/modules/audit/service.js';

const db = await openDatabase({ ...loadConfig(), seedDemo: false });
try {
  const now = new Date();
  const disabled = await db.kysely.transaction().execute(async (trx) => {
    const users = await trx
      .updateTable('users')
      .set({ disabled: true })
      .where('is_demo', '=', true)
      .where('disabled', '=', false)
      .returning(['id', 'username', 'region_code'])
      .execute();
    if (users.length === 0) return users;
    await trx
      .deleteFrom('sessions')
      .where(
        'user_id',
        'in',
        users.map((u) => u.id),
      )
      .execute();
    // Sorted by chain so each region's audit head is locked once, in a stable order.
    for (const u of [...users].sort((a, b) => a.region_code.localeCompare(b.region_code))) {
      await appendAudit(trx, null, {
        action: 'user.disable',
        entityType: 'user',
        entityId: u.id,
        regionCode: u.region_code,
        at: now,
        before: { username: u.username, disabled: false },
        after: { username: u.username, disabled: true, reason: 'demo user disabled for production' },
      });
    }
    return users;
  });
  const left = await db.kysely
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('is_demo', '=', false)
    .where('disabled', '=', false)
    .executeTakeFirstOrThrow();
  console.log(`disabled ${disabled.length} demo users; ${left.n} active non-demo users remain`);
  if (Number(left.n) === 0) {
    console.log('warning: no active real user left — create one with scripts/create-admin.ts');
  }
} finally {
  await db.close();
}
