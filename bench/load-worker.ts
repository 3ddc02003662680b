/**
 * The load generator of the create benchmark, in its own thread so it does not share the server's event
 * loop: autocannon POSTs quick reports, each with a unique unit name and Idempotency-Key, and reports every
 * response time (autocannon's own histogram has no p95).
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

export interface LoadJob {
  url: string;
  cookie: string;
  connections: number;
  durationSeconds: number;
  counties: string[];
  runId: string;
  /** Leave the duplicate check on (confirmNotDuplicate false): every unit name is unique, so nothing is refused. */
  checkDuplicates?: boolean;
}

export interface LoadResult {
  durationSeconds: number;
  requests: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
  latenciesMs: number[];
  firstErrorBody: string | null;
}

const SCENES = [
  {
    industryCode: 'C26',
    accidentType: '19',
    domain: 'industrial',
    unit: '化工有限公司',
    what: '储罐检修作业中发生中毒窒息',
  },
  {
    industryCode: 'E47',
    accidentType: '01',
    domain: 'industrial',
    unit: '建筑工程有限公司',
    what: '脚手架钢管坠落击中作业人员',
  },
  { industryCode: 'C34', accidentType: '03', domain: 'industrial', unit: '机械制造有限公司', what: '清理冲床时被卷入' },
  {
    industryCode: 'G54',
    accidentType: '02',
    domain: 'road_traffic',
    unit: '物流运输有限公司',
    what: '货车与小型客车相撞',
  },
  { industryCode: 'F52', accidentType: '08', domain: 'fire', unit: '商贸有限公司', what: '仓库电气线路短路引发火灾' },
] as const;

async function run(job: LoadJob): Promise<LoadResult> {
  let n = 0;
  const latencies: number[] = [];
  let firstErrorBody: string | null = null;
  let instance: autocannon.Instance | undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        duration: job.durationSeconds,
        timeout: 30,
        headers: { cookie: job.cookie, 'content-type': 'application/json' },
        requests: [
          {
            method: 'POST',
            path: '/api/accidents',
            setupRequest: (req) => {
              const i = n++;
              const scene = SCENES[i % SCENES.length] as (typeof SCENES)[number];
              const county = job.counties[i % job.counties.length] as string;
              const occurredAt = new Date(Date.now() - (20 + (i % 40)) * 60_000).toISOString();
              const body = {
                occurredAt,
                regionCode: county,
                address: `淄博市测试路${(i % 500) + 1}号`,
                unitName: `压测${job.runId}-${i}号${scene.unit}`,
                industryCode: scene.industryCode,
                accidentType: scene.accidentType,
                domain: scene.domain,
                deaths: i % 50 === 0 ? 1 : 0,
                missing: 0,
                seriousInjuries: i % 7 === 0 ? 1 : 0,
                minorInjuries: i % 3,
                directLossYuan: 50_000 + (i % 100) * 1_000,
                summary: scene.what,
                measuresTaken: '已组织救援，现场已封闭',
                reporterName: '王值班',
                reporterPhone: '05332100000',
                confirmNotDuplicate: !job.checkDuplicates,
              };
              return {
                ...req,
                headers: { ...req.headers, 'idempotency-key': `bench-${job.runId}-${i}` },
                body: JSON.stringify(body),
              };
            },
            onResponse: (status, body) => {
              if ((status < 200 || status >= 300) && firstErrorBody === null) firstErrorBody = `${status} ${body}`;
            },
          },
        ],
      },
      (err: unknown, result: autocannon.Result) => (err ? reject(err) : resolve(result)),
    );
  });
  instance?.on('response', (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
  });
  const result = await done;
  const statusCounts: Record<string, number> = {};
  for (const [code, v] of Object.entries(result.statusCodeStats ?? {})) statusCounts[code] = v.count ?? 0;
  return {
    durationSeconds: result.duration,
    requests: latencies.length,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCounts,
    latenciesMs: latencies,
    firstErrorBody,
  };
}

/** Runs a job in a worker thread of its own (from the benchmark's main thread). */
export function runLoadInWorker(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // tsx does not follow into worker threads: the worker registers it, then loads this module.
    const entry = new URL('./load-worker.ts', import.meta.url).href;
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    const worker = new Worker(boot, { eval: true, workerData: job });
    worker.once('message', (m: { ok: boolean; result?: LoadResult; error?: string }) => {
      if (m.ok && m.result) resolve(m.result);
      else reject(new Error(m.error));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

if (parentPort && workerData) {
  const port = parentPort;
  run(workerData as LoadJob).then(
    (r) => port.postMessage({ ok: true, result: r }),
    (err: unknown) => port.postMessage({ ok: false, error: err instanceof Error ? err.stack : String(err) }),
  );
}
