/**
 * An unknown name and a wrong password take the same time (issue 8): the median of the paired differences is under
 * 5 ms, so response times cannot tell which names exist. Samples are taken in pairs, in alternating order, so machine
 * load and whatever runs in the background hit both alike; each real user gets at most 4 wrong passwords (no lock),
 * each unknown name is new. A round over the bound is measured once more: a real difference (a skipped scrypt is
 * ~40 ms) stays in both rounds, a burst of background work on a shared CI machine does not.
 */
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../testing/harness.js';

const USERS = ['370302', '370303', '370304', '370305', '370306', '370321', '370322', '370323'].flatMap((c) =>
  ['duty', 'stats', 'leader'].map((r) => `${r}.${c}`),
);
const SAMPLES = 40;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

describe('sign-in timing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('answers an unknown name and a wrong password alike, within 5 ms of each other (median of paired differences)', async () => {
    const timed = async (username: string) => {
      const start = performance.now();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'wrong-password' },
      });
      const ms = performance.now() - start;
      return { ms, status: res.statusCode, body: res.json() };
    };
    // Warm-up: the first scrypt and the first statements of each kind.
    await timed('warmup.unknown');
    await timed('warmup.unknown2');
    const round = async (r: number) => {
      const diffs: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const unknownFirst = i % 2 === 0;
        const name = USERS[(r * SAMPLES + i) % USERS.length] as string;
        const first = await timed(unknownFirst ? `nobody.${r}.${i}` : name);
        const second = await timed(unknownFirst ? name : `nobody.${r}.${i}`);
        const [a, b] = unknownFirst ? [first, second] : [second, first];
        expect(a.status).toBe(401);
        expect(b.status).toBe(401);
        expect(a.body).toEqual(b.body);
        diffs.push(b.ms - a.ms);
      }
      return Math.abs(median(diffs));
    };
    const first = await round(0);
    const diff = first < 5 ? first : await round(1);
    console.log(
      `login timing: median paired difference ${first.toFixed(1)} ms${diff === first ? '' : `, then ${diff.toFixed(1)} ms`}`,
    );
    expect(diff).toBeLessThan(5);
  }, 60_000);
});
