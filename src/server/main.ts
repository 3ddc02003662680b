/** `npm start`: an instance serving the API, the live events and the web app; several may share one PostgreSQL. */
import { buildApp } from './app.js';
import { startClock } from './clock/engine.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/setup.js';

const config = loadConfig();
const db = await openDatabase(config);
const { app, ctx } = await buildApp({ db, config, logger: true });
// Every timed duty (clock/registry.ts), each due run on exactly one of the instances sharing the database.
const clock = await startClock(ctx);

const shutdown = async () => {
  await clock.stop();
  await app.close();
  await db.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

await app.listen({ port: config.port, host: config.host });
app.log.info(`Anjian 安监 on http://localhost:${config.port} (database: ${db.engine}, instance ${clock.instanceId})`);
