import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { JobType, Queue } from 'bullmq';
import { FIELD_CONFIG } from '../config/config.module';
import type { FieldConfig } from '../config/field-config';
import { DomainError } from '../errors/domain-error';
import type { JobDefinition } from './job-definitions';
import { producerConnection } from './bull-connection';

export interface EnqueueOptions {
  /** Deterministic id: enqueueing the same work twice yields one job. */
  jobId: string;
  delayMs?: number;
}

/** How long a producer waits for the queues' Redis before it answers 503: well inside the 10 s promised. */
const READY_WAIT_MS = 2_000;
const COMMAND_WAIT_MS = 5_000;

/** The queues' Redis cannot be reached: 503 with Retry-After. */
export const queueUnavailable = () =>
  new DomainError('unavailable', 'the job queue is unavailable; try again shortly', {}, { 'Retry-After': '5' });

/** Producers: every process may enqueue; only workers process. */
@Injectable()
export class JobsService implements OnApplicationShutdown {
  private readonly logger = new Logger(JobsService.name);
  private readonly queues = new Map<string, Queue>();
  private lastErrorLog = 0;

  constructor(@Inject(FIELD_CONFIG) private readonly config: FieldConfig) {}

  /** Adds the job, or fails within a few seconds with `queueUnavailable` while Redis is away. */
  async enqueue<Payload>(job: JobDefinition<Payload>, payload: Payload, options: EnqueueOptions): Promise<void> {
    const queue = this.queue(job.queue);
    await within(READY_WAIT_MS, queue.waitUntilReady());
    await within(
      COMMAND_WAIT_MS,
      queue.add(job.name, payload, {
        jobId: options.jobId,
        delay: options.delayMs,
        attempts: job.attempts,
        backoff: { type: 'exponential', delay: job.backoffMs },
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      }),
    );
  }

  /**
   * Fails at once with `queueUnavailable` unless the job's queue answers: called before committing
   * work whose job must follow, so that an outage refuses the request instead of leaving it half done.
   */
  async assertAvailable(job: JobDefinition<unknown>): Promise<void> {
    const queue = this.queue(job.queue);
    await within(READY_WAIT_MS, queue.waitUntilReady());
    // A round trip: a connection that looks ready may lead nowhere.
    await within(READY_WAIT_MS, queue.count());
  }

  /** Jobs of the queue by state, or `queueUnavailable` within a few seconds while Redis is away. */
  async jobCounts(name: string, states: readonly JobType[]): Promise<Record<string, number>> {
    const queue = this.queue(name);
    await within(READY_WAIT_MS, queue.waitUntilReady());
    return within(COMMAND_WAIT_MS, queue.getJobCounts(...states));
  }

  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: producerConnection(this.config), prefix: this.config.queuePrefix });
      queue.on('error', (error) => {
        if (Date.now() - this.lastErrorLog < 10_000) return;
        this.lastErrorLog = Date.now();
        this.logger.warn({ err: error, queue: name }, 'the job queue cannot reach Redis');
      });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}

/** The promise's value, or `queueUnavailable` when it fails or takes longer than `ms`. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(queueUnavailable()), ms);
  });
  // The loser of the race must not surface later as an unhandled rejection.
  promise.catch(() => undefined);
  try {
    return await Promise.race([promise, timeout]);
  } catch (error) {
    throw error instanceof DomainError ? error : queueUnavailable();
  } finally {
    clearTimeout(timer);
  }
}
