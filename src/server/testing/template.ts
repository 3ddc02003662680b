/**
 * vitest globalSetup for database tests: builds one migrated, seeded database (regions, bureaus, users —
 * no accident history) per engine and run, so each test file starts from a copy in well under a second.
 *   PGlite:     a data-dir dump loaded by every test file.
 *   PostgreSQL: a template database; each test file gets CREATE DATABASE … TEMPLATE.
 */
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connect } from '../db/connection.js';
import { migrate } from '../db/migrate.js';
import { seedDemo } from '../db/seed/demo.js';
import { loadRegions } from '../db/seed/regions.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: { engine: 'pglite' | 'postgres'; location: string };
  }
}

export function adminUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const engine = project.config.env?.ANJIAN_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
  if (engine === 'pglite') {
    const db = await connect({});
    await migrate(db);
    await loadRegions(db);
    await seedDemo(db, { history: false });
    const dump = await db.pglite?.dumpDataDir('gzip');
    const location = join(tmpdir(), `anjian-test-template-${process.pid}.tar.gz`);
    await writeFile(location, Buffer.from(await (dump as Blob).arrayBuffer()));
    await db.close();
    project.provide('dbTemplate', { engine, location });
    return async () => {
      await rm(location, { force: true });
    };
  }
  const base = process.env.TEST_DATABASE_URL as string;
  const name = `anjian_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const db = await connect({ databaseUrl: adminUrl(base, name), poolSize: 2 });
  await migrate(db);
  await loadRegions(db);
  await seedDemo(db, { history: false });
  await db.close();
  project.provide('dbTemplate', { engine, location: name });
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  };
}
