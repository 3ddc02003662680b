/** Runtime configuration, all from the environment (see README "Configuration"). */
import { type ApprovalTable, parseApprovalTable } from '../domain/writeoff.js';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  sessionIdleMinutes: number;
  /** Absolute session lifetime: a session ends this long after sign-in, however active (SESSION_MAX_HOURS). */
  sessionMaxHours: number;
  /** Seed the demo province on a new database. */
  seedDemo: boolean;
  secureCookies: boolean;
  logLevel: string;
  /** Behind a reverse proxy: take the client address and protocol from X-Forwarded-* headers. */
  trustProxy: boolean;
  /** 核销: which level approves a write-off, per grade (ANJIAN_WRITEOFF_APPROVAL; default in domain/writeoff.ts). */
  writeoffApproval: ApprovalTable;
  /** Ed25519 private key (PEM) that signs exported audit anchors (ANJIAN_ANCHOR_KEY_FILE); unset: unsigned anchors. */
  anchorKeyFile: string | undefined;
}

function int(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isFinite(n) ? n : fallback;
}

/** A bad table stops the start-up with the variable's name and the reason, rather than approving at the wrong level. */
function writeoffApproval(spec: string | undefined): ApprovalTable {
  try {
    return parseApprovalTable(spec ?? '');
  } catch (e) {
    throw new Error(`ANJIAN_WRITEOFF_APPROVAL: ${(e as Error).message}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int(env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.ANJIAN_DATA_DIR ?? './data',
    sessionIdleMinutes: int(env.SESSION_IDLE_MINUTES, 30),
    sessionMaxHours: int(env.SESSION_MAX_HOURS, 12),
    seedDemo: env.ANJIAN_SEED_DEMO !== 'false',
    secureCookies: env.COOKIE_SECURE === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: env.TRUST_PROXY === 'true',
    writeoffApproval: writeoffApproval(env.ANJIAN_WRITEOFF_APPROVAL),
    anchorKeyFile: env.ANJIAN_ANCHOR_KEY_FILE || undefined,
  };
}
