/** The clock engine's queue as admins see it (GET /api/admin/clock/jobs). */
import { z } from 'zod';

export const CLOCK_JOB_STATUSES = ['pending', 'running', 'failed'] as const;

export const clockJobsQuery = z
  .object({
    status: z.enum(CLOCK_JOB_STATUSES, { message: '须为 pending、running 或 failed' }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict();
export type ClockJobsQuery = z.infer<typeof clockJobsQuery>;

export interface ClockJob {
  name: string;
  regionCode: string;
  /** The subject of a one-off job; '' for a recurring clock. */
  key: string;
  dueAt: string;
  status: (typeof CLOCK_JOB_STATUSES)[number];
  /** Runs started since the last success. */
  attempts: number;
  lastError: string | null;
  /** The instance (hostname:pid:random) running the job while its lease holds, else the one that ran it last. */
  lockedBy: string | null;
  lockedUntil: string | null;
  lastRunAt: string | null;
  /** A running job whose lease has run out: its instance is gone, another instance takes it at its next poll. */
  leaseExpired: boolean;
}
