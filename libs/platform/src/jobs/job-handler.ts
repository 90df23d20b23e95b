import { SetMetadata } from '@nestjs/common';
import type { JobDefinition } from './job-definitions';

export const JOB_HANDLER = 'field:job-handler';

/** What a handler learns about the run besides its payload. */
export interface JobRun {
  id: string;
  attempt: number;
  /** Reports progress (0–100) for long work. */
  progress(percent: number): Promise<void>;
  /**
   * Puts the job back until `timestamp` (epoch ms), without using up an attempt, to run it again
   * then: for a job that waits on other work. Never returns; let what it throws propagate.
   */
  delayUntil(timestamp: number): Promise<never>;
}

/** A provider that processes one job. Throw `UnrecoverableError` (bullmq) for a payload that can never succeed. */
export interface JobHandler<Payload> {
  handle(payload: Payload, run: JobRun): Promise<unknown>;
  /**
   * Called once when the job has failed for good (its last attempt failed, or it was unrecoverable),
   * to record the outcome where people look for it. Must be idempotent.
   */
  failed?(payload: Payload, reason: string): Promise<void>;
}

/** Marks a provider as the handler of a job. */
export const HandlesJob = (job: JobDefinition<unknown>) => SetMetadata(JOB_HANDLER, job.name);
