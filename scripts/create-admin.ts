/**
 * Creates a real (non-demo) user in the bureau of a region — by default an administrator.
 *
 *   npx tsx scripts/create-admin.ts --username zhang.admin --password '…' --region 370000 --name 张三
 *
 * Options: --role (admin | duty | stats | inspector | leader | department; default admin), --phone, --org-name (the
 * bureau's name when the region has no bureau yet; default "<region full name>应急管理局").
 * The password may come from ANJIAN_ADMIN_PASSWORD instead of --password (keeps it out of shell history).
 * Uses the configured database (DATABASE_URL, or PGlite in ANJIAN_DATA_DIR: stop the server first,
 * PGlite is single-process). Everything is written in one transaction with its audit rows.
 */
import { parseArgs } from 'node:util';
import { uuidv7 } from 'uuidv7';
import { ROLES, type Role } from '../src/contracts/policies.js';
import { hashPassword } from '../src/server/auth/password.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/setup.js';
import { appendAudit } from '../src/server/modules/audit/service.js';

const USAGE =
  'usage: npx tsx scripts/create-admin.ts --username NAME --password PASSWORD --region CODE --name DISPLAY_NAME ' +
  '[--role admin|duty|stats|inspector|leader|department] [--phone PHONE] [--org-name BUREAU_NAME]';

function fail(message: string): never {
  console.error(message);
  console.error(USAGE);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    password: { type: 'string' },
    region: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', default: 'admin' },
    phone: { type: 'string' },
    'org-name': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const username = values.username?.trim();
const password = values.password ?? process.env.ANJIAN_ADMIN_PASSWORD;
const regionCode = values.region?.trim();
const displayName = values.name?.trim();
const role = values.role as Role;
if (!username || !/^[A-Za-z0-9._@-]{3,64}$/.test(username)) fail('--username: 3–64 letters, digits or . _ @ -');
if (!password) fail('--password (or ANJIAN_ADMIN_PASSWORD) is required');
if (password.length < 10 || !/[A-Za-z]/.test(password) || !/\d/.test(password)) {
  fail('--password: at least 10 characters with letters and digits');
}
if (!regionCode || !/^\d{6}(\d{3})?$/.test(regionCode)) fail('--region: a 6-digit (or 9-digit town) region code');
if (!displayName) fail('--name is required');
if (!ROLES.includes(role) || role === 'enterprise') fail('--role: admin, duty, stats, inspector, leader or department');

const config = loadConfig();
const db = await openDatabase({ ...config, seedDemo: false });
try {
  const region = await db.kysely
    .selectFrom('regions')
    .select(['code', 'full_name'])
    .where('code', '=', regionCode)
    .executeTakeFirst();
  if (!region) fail(`--region: ${regionCode} is not a known region code`);
  const taken = await db.kysely.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (taken) fail(`--username: ${username} already exists`);

  const passwordHash = await hashPassword(password);
  const now = new Date();
  const result = await db.kysely.transaction().execute(async (trx) => {
    let org = await trx
      .selectFrom('organizations')
      .select(['id', 'name'])
      .where('region_code', '=', regionCode)
      .where('kind', '=', 'bureau')
      .executeTakeFirst();
    if (!org) {
      org = { id: uuidv7(), name: values['org-name']?.trim() || `${region.full_name}应急管理局` };
      await trx
        .insertInto('organizations')
        .values({
          id: org.id,
          region_code: regionCode,
          kind: 'bureau',
          name: org.name,
          credit_code: null,
          industry_code: null,
          address: null,
          duty_phone: null,
        })
        .execute();
      await appendAudit(trx, null, {
        action: 'org.create',
        entityType: 'organization',
        entityId: org.id,
        regionCode,
        at: now,
        after: { kind: 'bureau', name: org.name, regionCode, via: 'scripts/create-admin.ts' },
      });
    }
    const userId = uuidv7();
    await trx
      .insertInto('users')
      .values({
        id: userId,
        region_code: regionCode,
        org_id: org.id,
        username,
        display_name: displayName,
        role,
        password_hash: passwordHash,
        phone: values.phone ?? null,
        is_demo: false,
      })
      .execute();
    // The password hash never goes into the audit log.
    await appendAudit(trx, null, {
      action: 'user.create',
      entityType: 'user',
      entityId: userId,
      regionCode,
      at: now,
      after: { username, displayName, role, orgId: org.id, orgName: org.name, via: 'scripts/create-admin.ts' },
    });
    return { userId, orgName: org.name };
  });
  console.log(`created ${role} ${username} (${displayName}) in ${result.orgName} [${regionCode}], id ${result.userId}`);
} finally {
  await db.close();
}
