/** buildApp: the whole HTTP API and the web app, on a given database. main.ts and the tests both use it. */
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import '../contracts/common.js'; // zod's Chinese messages (z.config) before any schema is used
import { clockRoutes } from './clock/routes.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import type { Db } from './db/connection.js';
import { accidentRoutes } from './modules/accidents/routes.js';
import { assessmentRoutes } from './modules/assessment/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { bulletinRoutes } from './modules/bulletins/routes.js';
import { calendarRoutes } from './modules/calendar/routes.js';
import { caseRoutes } from './modules/cases/routes.js';
import { dangerRoutes } from './modules/dangers/routes.js';
import { dutyRoutes } from './modules/duty/routes.js';
import { emergencyPlanRoutes } from './modules/emergency-plans/routes.js';
import { enterpriseRoutes } from './modules/enterprises/routes.js';
import { EventBus, PgEventBus } from './modules/events/bus.js';
import { eventRoutes } from './modules/events/routes.js';
import { hazardRoutes } from './modules/hazards/routes.js';
import { importRoutes } from './modules/imports/routes.js';
import { incidentRoutes } from './modules/incidents/routes.js';
import { indicatorRoutes } from './modules/indicators/routes.js';
import { inspectionRoutes } from './modules/inspections/routes.js';
import { regionRoutes } from './modules/regions/routes.js';
import { registryImportRoutes } from './modules/registry-import/routes.js';
import { reportRoutes } from './modules/reports/routes.js';
import { rescueResourceRoutes } from './modules/rescue-resources/routes.js';
import { selfInspectionRoutes } from './modules/self-inspections/routes.js';
import { statsRoutes } from './modules/stats/routes.js';
import { supervisionRoutes } from './modules/supervision/routes.js';
import { usersRoutes } from './modules/users/routes.js';
import { writeoffRoutes } from './modules/writeoff/routes.js';
import { registerAuth } from './plugins/auth.js';
import { frameworkErrors, registerErrorHandler } from './plugins/error-handler.js';
import { parseQueryString, registerInputRules } from './plugins/input.js';
import { registerSecurity } from './plugins/security.js';
import { serveWeb } from './plugins/static-web.js';

export interface BuildOptions {
  db: Db;
  config: Config;
  now?: () => Date;
  logger?: boolean;
  webDir?: string;
}

/** Large enough that an over-long text field is rejected by its schema (400 with the field), not by the parser. */
const BODY_LIMIT = 8 * 1024 * 1024;

export async function buildApp(opts: BuildOptions): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const ctx: AppContext = {
    db: opts.db,
    config: opts.config,
    now: opts.now ?? (() => new Date()),
    bus: opts.db.engine === 'postgres' && opts.db.url ? new PgEventBus(opts.db.url) : new EventBus(),
  };
  const app = Fastify({
    logger: opts.logger ? { level: opts.config.logLevel } : false,
    bodyLimit: BODY_LIMIT,
    trustProxy: opts.config.trustProxy,
    routerOptions: { querystringParser: parseQueryString },
    frameworkErrors,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onClose', () => ctx.bus.close());
  if (ctx.bus instanceof PgEventBus) await ctx.bus.ready;
  registerErrorHandler(app);
  registerInputRules(app);
  await registerSecurity(app, { https: opts.config.secureCookies });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Anjian 安监 API', version: '0.1.0', description: '安全生产监管信息平台接口' },
    },
    transform: jsonSchemaTransform,
  });
  registerAuth(app, ctx);

  app.get('/api/health', { schema: { hide: true } }, async () => ({ status: 'ok', db: ctx.db.engine }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  authRoutes(app, ctx);
  regionRoutes(app, ctx);
  accidentRoutes(app, ctx);
  dutyRoutes(app, ctx);
  eventRoutes(app, ctx);
  auditRoutes(app, ctx);
  statsRoutes(app, ctx);
  writeoffRoutes(app, ctx);
  dangerRoutes(app, ctx);
  supervisionRoutes(app, ctx);
  assessmentRoutes(app, ctx);
  reportRoutes(app, ctx);
  bulletinRoutes(app, ctx);
  indicatorRoutes(app, ctx);
  enterpriseRoutes(app, ctx);
  hazardRoutes(app, ctx);
  calendarRoutes(app, ctx);
  clockRoutes(app, ctx);
  usersRoutes(app, ctx);
  // Its own scope: multipart (file uploads) for the import route only.
  await importRoutes(app, ctx);
  await registryImportRoutes(app, ctx);
  await inspectionRoutes(app, ctx);
  selfInspectionRoutes(app, ctx);
  caseRoutes(app, ctx);
  await emergencyPlanRoutes(app, ctx);
  await rescueResourceRoutes(app, ctx);
  incidentRoutes(app, ctx);

  await serveWeb(app, opts.webDir ?? join(process.cwd(), 'dist', 'web'));
  return { app, ctx };
}
