/** Runtime configuration, all from the environment (see README "Configuration"). */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  sessionIdleMinutes: number;
  /** Seed the demo province on a new database. */
  seedDemo: boolean;
  secureCookies: boolean;
  logLevel: string;
  /** Behind a reverse proxy: take the client address and protocol from X-Forwarded-* headers. */
  trustProxy: boolean;
}

function int(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isFinite(n) ? n : fallback;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int(env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.ANJIAN_DATA_DIR ?? './data',
    sessionIdleMinutes: int(env.SESSION_IDLE_MINUTES, 30),
    seedDemo: env.ANJIAN_SEED_DEMO !== 'false',
    secureCookies: env.COOKIE_SECURE === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: env.TRUST_PROXY === 'true',
  };
}
