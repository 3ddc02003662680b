/** Test factories of incident command: rescue resources written straight into migration 0031's table. */
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/connection.js';

/** A rescue team (or equipment, expert) at a point; returns its id. */
export async function insertResource(
  db: Db,
  p: {
    name: string;
    lng: number;
    lat: number;
    regionCode?: string;
    kind?: 'team' | 'equipment' | 'expert';
    specialties?: string[];
    readiness?: 'ready' | 'limited' | 'unavailable';
    dutyPhone?: string;
  },
): Promise<string> {
  const id = uuidv7();
  const kind = p.kind ?? 'team';
  const creator = await db.kysely
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'admin.370300')
    .executeTakeFirstOrThrow();
  const now = new Date();
  await sql`
    INSERT INTO rescue_resources (id, kind, region_code, name, specialties, lng, lat, address, level, members, readiness, duty_phone,
      category, equipment_type, quantity, availability, created_by, created_at, updated_at)
    VALUES (${id}, ${kind}, ${p.regionCode ?? '370300'}, ${p.name}, ${sql.val(p.specialties ?? ['hazchem'])}::text[], ${p.lng},
      ${p.lat}, '', ${kind === 'team' ? 'city' : null}, ${kind === 'team' ? 30 : null}, ${kind === 'team' ? (p.readiness ?? 'ready') : null},
      ${kind === 'team' ? (p.dutyPhone ?? null) : null},
      ${kind === 'equipment' ? 'equipment' : null}, ${kind === 'equipment' ? '泡沫消防车' : null},
      ${kind === 'equipment' ? 2 : null}, ${kind === 'expert' ? 'available' : null}, ${creator.id}, ${now}, ${now})`.execute(
    db.kysely,
  );
  return id;
}
