/**
 * Live events (SSE) for signed-in users. An event carries the region it concerns; it reaches every
 * subscriber whose jurisdiction covers that region — i.e. every level of the reporting chain — and,
 * for enterprise users, only events about their own unit.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { LiveEvent as PublicLiveEvent } from '../../../contracts/events.js';
import type { Actor } from '../../auth/actor.js';

/** An event as published: the public event plus who, besides the region's bureaus, may hear of it. */
export interface LiveEvent extends PublicLiveEvent {
  enterpriseOrgId?: string | null;
  /** The unit the event is about: its enterprise users hear of reports the bureaus filed about it. */
  unitCreditCode?: string | null;
  /**
   * The users of other departments (协同部门) invited to the incident the event is about: the only events they hear of.
   * Their role reaches nothing else (issue 12 §3).
   */
  invitedUserIds?: readonly string[];
}

/** In one process: PGlite, seeds and scripts. Several instances on PostgreSQL use PgEventBus. */
export class EventBus {
  protected readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(event: LiveEvent): void {
    this.deliver(event);
  }

  /** A session ended (logout): its live streams close. */
  endSession(token: string): void {
    this.endLocally(token);
  }

  /** Hands an event to this process's subscribers. */
  protected deliver(event: LiveEvent): void {
    this.emitter.emit('event', event);
  }

  protected endLocally(token: string): void {
    this.emitter.emit(`session-end:${token}`);
  }

  async close(): Promise<void> {}

  onSessionEnd(token: string, listener: () => void): () => void {
    const name = `session-end:${token}`;
    this.emitter.once(name, listener);
    return () => this.emitter.off(name, listener);
  }

  subscribe(actor: Actor, listener: (event: LiveEvent) => void): () => void {
    const filtered = (event: LiveEvent) => {
      if (reaches(actor, event)) listener(event);
    };
    this.emitter.on('event', filtered);
    return () => this.emitter.off('event', filtered);
  }
}

export function reaches(actor: Actor, event: LiveEvent): boolean {
  if (actor.role === 'department') return event.invitedUserIds?.includes(actor.userId) ?? false;
  if (actor.orgKind === 'enterprise') {
    return (
      event.enterpriseOrgId === actor.orgId || (!!event.unitCreditCode && event.unitCreditCode === actor.creditCode)
    );
  }
  return event.regionCode.startsWith(actor.prefix);
}

const EVENTS_CHANNEL = 'anjian_events';
const SESSIONS_CHANNEL = 'anjian_session_end';
/** NOTIFY payloads must stay under 8,000 bytes; our events are a few hundred. */
const MAX_PAYLOAD = 7_900;
const RECONNECT_MS = [500, 1_000, 2_000, 5_000];

/**
 * Live events across instances on one PostgreSQL: an event is delivered at once to this instance's subscribers and
 * sent to the others with NOTIFY; every instance delivers what its LISTEN connection receives from the others, with
 * the same jurisdiction filter. A filing on instance A reaches an SSE client of instance B within the database's
 * round trip; logout ends a session's streams on every instance. The LISTEN connection reconnects with backoff.
 */
export class PgEventBus extends EventBus {
  private listener: pg.Client | null = null;
  private readonly pool: pg.Pool;
  private readonly instance = randomUUID();
  private closed = false;
  private attempts = 0;
  readonly ready: Promise<void>;

  constructor(private readonly url: string) {
    super();
    this.pool = new pg.Pool({ connectionString: url, max: 2 });
    this.pool.on('error', (err) => console.error('event bus pool:', err.message));
    this.ready = this.listen();
  }

  override publish(event: LiveEvent): void {
    this.deliver(event);
    this.notify(EVENTS_CHANNEL, event);
  }

  override endSession(token: string): void {
    this.endLocally(token);
    this.notify(SESSIONS_CHANNEL, token);
  }

  /** NOTIFY the other instances (a payload too large for NOTIFY stays in this instance, logged). */
  private notify(channel: string, body: unknown): void {
    const payload = JSON.stringify({ from: this.instance, body });
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) {
      console.error(`live event too large for NOTIFY (${Buffer.byteLength(payload)} bytes): this instance only`);
      return;
    }
    this.pool.query('SELECT pg_notify($1, $2)', [channel, payload]).catch((err: Error) => {
      console.error('live event NOTIFY failed:', err.message);
    });
  }

  private receive(channel: string, payload: string): void {
    const { from, body } = JSON.parse(payload) as { from: string; body: unknown };
    if (from === this.instance) return;
    if (channel === EVENTS_CHANNEL) this.deliver(body as LiveEvent);
    else if (channel === SESSIONS_CHANNEL) this.endLocally(String(body));
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (n) => {
      if (n.payload) this.receive(n.channel, n.payload);
    });
    client.on('error', (err) => {
      console.error('event bus LISTEN connection:', err.message);
      this.reconnect(client);
    });
    client.on('end', () => this.reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}; LISTEN ${SESSIONS_CHANNEL}`);
    this.listener = client;
    this.attempts = 0;
  }

  private reconnect(dead: pg.Client): void {
    if (this.closed || this.listener !== dead) return;
    this.listener = null;
    this.retry();
  }

  private retry(): void {
    const delay = RECONNECT_MS[Math.min(this.attempts++, RECONNECT_MS.length - 1)];
    setTimeout(() => {
      if (!this.closed) this.listen().catch(() => this.retry());
    }, delay);
  }

  override async close(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}
