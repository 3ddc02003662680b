/** What every route and service gets: the database, configuration, the clock and the live event bus. */
import type { Config } from './config.js';
import type { Db } from './db/connection.js';
import type { EventBus } from './modules/events/bus.js';

export interface AppContext {
  db: Db;
  config: Config;
  /** Injected so deadlines are testable; production uses the wall clock. */
  now: () => Date;
  bus: EventBus;
}
