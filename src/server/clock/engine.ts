/**
 * The clock engine: runs the platform's clocks (registry.ts) from the persistent job table clock_jobs, on any number
 * of instances sharing one PostgreSQL — or in the one PGlite process, the same code.
 *
 * Every `pollMs` an instance claims the due jobs (FOR UPDATE SKIP LOCKED, so each due run goes to one instance) under
 * a lease of `leaseMs`, which it renews every third of the lease while the job runs. A job whose instance died
 * (kill -9, a lost machine) keeps its lease until it runs out; then any instance claims it again — within
 * leaseMs + pollMs of the death (30 s + 1 s by default). Completing or failing a run is fenced by the claim's attempt
 * number: an instance that lost its claim changes nothing. Failures are retried with exponential backoff
 * (define.ts backoffMs); the attempts and the last error stay on the row for the admin view.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppContext } from '../context.js';
import { backoffMs, type Clock, isRecurring, type JobRun, retryPolicy } from './define.js';
import { PLATFORM_CLOCKS } from './registry.js';
import * as repo from './repo.js';

export interface ClockOptions {
  /** hostname:pid:random by default; shown to admins as the holder of a lease. */
  instanceId?: string;
  clocks?: readonly Clock[];
  pollMs?: number;
  leaseMs?: number;
  /** Jobs one instance runs at the same time. */
  concurrency?: number;
}

export const DEFAULT_LEASE_MS = 30_000;
const DEFAULT_POLL_MS = 1_000;
const DEFAULT_CONCURRENCY = 4;

export function newInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

const jobId = (j: repo.JobKey) => `${j.region_code}/${j.name}/${j.key}`;

export class ClockEngine {
  readonly instanceId: string;
  private readonly clocks: ReadonlyMap<string, Clock>;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly running = new Map<string, Promise<void>>();
  private pollTimer: NodeJS.Timeout | undefined;
  private polling: Promise<number> | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Set by halt(): the instance is gone, its runs write nothing more. */
  private halted = false;

  constructor(
    private readonly ctx: AppContext,
    opts: ClockOptions = {},
  ) {
    this.instanceId = opts.instanceId ?? newInstanceId();
    this.clocks = new Map((opts.clocks ?? PLATFORM_CLOCKS).map((c) => [c.name, c]));
    this.pollMs = opts.pollMs ?? DEFAULT_POLL_MS;
    this.leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
    this.concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
  }

  /** Creates the recurring clocks' rows that do not exist yet (the first instance on a database), due at once. */
  async register(): Promise<void> {
    const names = [...this.clocks.values()].filter(isRecurring).map((c) => c.name);
    await repo.ensureRecurring(this.ctx.db.kysely, names, this.ctx.now());
  }

  /** register(), then polling and the heartbeat. */
  async start(): Promise<void> {
    await this.register();
    this.schedulePoll(0);
    this.heartbeatTimer = setInterval(() => this.heartbeat(), Math.floor(this.leaseMs / 3));
  }

  /**
   * Claims the jobs due now, up to the free run slots, and starts them; returns how many. Only clocks this instance
   * knows are claimed (during a rolling upgrade an older instance leaves a newer clock to the newer ones).
   */
  async poll(): Promise<number> {
    const now = this.ctx.now();
    const claimed = await repo.claimDue(this.ctx.db.kysely, {
      names: [...this.clocks.keys()],
      instance: this.instanceId,
      now,
      until: new Date(now.getTime() + this.leaseMs),
      limit: this.concurrency - this.running.size,
    });
    for (const job of claimed) {
      const id = jobId(job);
      this.running.set(
        id,
        this.execute(job).finally(() => this.running.delete(id)),
      );
    }
    return claimed.length;
  }

  /** Waits for the runs in progress (tests: poll() then idle() runs every due job to its end). */
  async idle(): Promise<void> {
    await Promise.all(this.running.values());
  }

  /**
   * A clean stop (SIGTERM): no new claims; the runs in progress get up to `waitMs` to finish; whatever still runs
   * then is handed back at once (instead of after its lease) and its end is no longer recorded.
   */
  async stop(waitMs = 10_000): Promise<void> {
    this.stopTimers();
    await this.polling?.catch(() => 0);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.idle(), new Promise((r) => (timer = setTimeout(r, waitMs)))]);
    clearTimeout(timer);
    this.halted = true;
    await repo.releaseLeases(this.ctx.db.kysely, this.instanceId);
  }

  /**
   * Tests only: the instance vanishes as under kill -9 — no more claims or heartbeats, its runs in progress write
   * nothing, its leases stay until they run out.
   */
  halt(): void {
    this.halted = true;
    this.stopTimers();
  }

  private stopTimers(): void {
    this.stopped = true;
    clearTimeout(this.pollTimer);
    clearInterval(this.heartbeatTimer);
  }

  private schedulePoll(delayMs: number): void {
    this.pollTimer = setTimeout(async () => {
      let claimed = 0;
      try {
        this.polling = this.poll();
        claimed = await this.polling;
      } catch (err) {
        console.error('clock engine: claim failed', err);
      }
      // A full batch may have left more due jobs behind: look again at once when a slot is free.
      if (!this.stopped) this.schedulePoll(claimed > 0 && this.running.size < this.concurrency ? 0 : this.pollMs);
    }, delayMs);
  }

  private heartbeat(): void {
    if (this.running.size === 0) return;
    const until = new Date(this.ctx.now().getTime() + this.leaseMs);
    repo.renewLeases(this.ctx.db.kysely, this.instanceId, until).catch((err) => {
      console.error('clock engine: lease renewal failed', err);
    });
  }

  private async execute(job: repo.ClaimedJob): Promise<void> {
    const clock = this.clocks.get(job.name) as Clock;
    const run: JobRun<never> = {
      ctx: this.ctx,
      regionCode: job.region_code,
      key: job.key,
      payload: job.payload as never,
      dueAt: job.due_at,
      attempt: job.attempts,
    };
    let error: unknown;
    try {
      await clock.run(run);
    } catch (err) {
      error = err;
    }
    if (this.halted) return;
    try {
      await (error === undefined ? this.complete(clock, job) : this.fail(clock, job, error));
    } catch (err) {
      // The lease then runs out and another instance (or this one) runs the job again.
      console.error(`clock engine: recording the end of ${jobId(job)} failed`, err);
    }
  }

  private async complete(clock: Clock, job: repo.ClaimedJob): Promise<void> {
    const db = this.ctx.db.kysely;
    const done = isRecurring(clock)
      ? await repo.completeRecurring(db, job, this.instanceId, new Date(this.ctx.now().getTime() + clock.every))
      : await repo.completeOnce(db, job, this.instanceId);
    if (!done) console.warn(`clock engine: ${jobId(job)} was taken over or rescheduled while it ran`);
  }

  private async fail(clock: Clock, job: repo.ClaimedJob, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`clock engine: ${jobId(job)} failed (attempt ${job.attempts}): ${message}`);
    const gaveUp = !isRecurring(clock) && job.attempts >= retryPolicy(clock).maxAttempts;
    const retryAt = gaveUp ? null : new Date(this.ctx.now().getTime() + backoffMs(clock, job.attempts));
    await repo.recordFailure(this.ctx.db.kysely, job, this.instanceId, message, retryAt);
  }
}

/** main.ts: the engine of this instance, started. */
export async function startClock(ctx: AppContext, opts: ClockOptions = {}): Promise<ClockEngine> {
  const engine = new ClockEngine(ctx, opts);
  await engine.start();
  return engine;
}
