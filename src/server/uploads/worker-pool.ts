/**
 * Runs upload parsing off the main thread: each job in a worker thread of its own, with a heap limit and a wall-clock
 * budget, terminated when it exceeds either — so no upload, by mistake or on purpose, can stall the event loop that
 * serves the duty room, or take the process's memory. At most MAX_RUNNING jobs run at once (the machine has few cores);
 * up to MAX_WAITING more wait their turn; beyond that an upload is answered 503 at once.
 */
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../errors.js';

export interface JobBudget {
  /** V8 old-generation limit of the worker, MB. */
  maxHeapMb: number;
  timeoutMs: number;
}

const MAX_RUNNING = 2;
const MAX_WAITING = 8;
const BOOT = new URL('./worker-boot.mjs', import.meta.url);

/** What a job sends back: its value, or the AppError it refused the file with (rebuilt on this side). */
export type JobResult<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; details: unknown; message: string };

let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<void> {
  if (running < MAX_RUNNING) {
    running++;
    return;
  }
  if (waiting.length >= MAX_WAITING) throw new AppError('UPLOAD_BUSY');
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

function overBudget(reason: string): AppError {
  return new AppError(
    'UPLOAD_TOO_COMPLEX',
    [{ path: 'file', code: 'budget_exceeded', message: reason }],
    `文件无法在限定资源内解析：${reason}，请拆分后分批导入`,
  );
}

/** Runs `entry` (a worker module that answers one message with a JobResult) on `input`, within `budget`. */
export async function runJob<I, T>(entry: URL, input: I, budget: JobBudget): Promise<T> {
  await slot();
  try {
    return await new Promise<T>((resolve, reject) => {
      const worker = new Worker(BOOT, {
        workerData: { entry: entry.href },
        execArgv: [],
        resourceLimits: { maxOldGenerationSizeMb: budget.maxHeapMb, maxYoungGenerationSizeMb: 32 },
      });
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.terminate().catch(() => undefined);
        fn();
      };
      const timer = setTimeout(
        () => settle(() => reject(overBudget(`解析超过${budget.timeoutMs / 1000}秒`))),
        budget.timeoutMs,
      );
      worker.once('message', (result: JobResult<T>) =>
        settle(() =>
          result.ok ? resolve(result.value) : reject(new AppError(result.code, result.details, result.message)),
        ),
      );
      worker.once('error', (err: Error & { code?: string }) =>
        settle(() =>
          reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? overBudget(`解析所需内存超过${budget.maxHeapMb}MB`) : err),
        ),
      );
      worker.once('exit', (code) => settle(() => reject(new Error(`upload worker exited with code ${code}`))));
      worker.postMessage(input);
    });
  } finally {
    release();
  }
}

/** The worker side: answers the one message it gets with `job`'s value, or with the AppError it threw. */
export function serveJob<I, T>(port: import('node:worker_threads').MessagePort, job: (input: I) => Promise<T>): void {
  port.once('message', async (input: I) => {
    try {
      port.postMessage({ ok: true, value: await job(input) } satisfies JobResult<T>);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      port.postMessage({ ok: false, code: e.code, details: e.details, message: e.message } satisfies JobResult<T>);
    }
  });
}

/** Whether this module was started as the worker's job (the loader may add a query to its URL). */
export function isJobEntry(data: unknown, moduleUrl: string): boolean {
  const entry = (data as { entry?: string } | null)?.entry;
  return typeof entry === 'string' && new URL(entry).pathname === new URL(moduleUrl).pathname;
}
