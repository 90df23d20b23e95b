import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { FIELD_CONFIG } from '../config/config.module';
import type { FieldConfig } from '../config/field-config';
import type { JobDefinition } from './job-definitions';
import { bullConnection } from './bull-connection';

export interface EnqueueOptions {
  /** Deterministic id: enqueueing the same work twice yields one job. */
  jobId: string;
  delayMs?: number;
}

/** Producers: every process may enqueue; only workers process. */
@Injectable()
export class JobsService implements OnApplicationShutdown {
  private readonly queues = new Map<string, Queue>();

  constructor(@Inject(FIELD_CONFIG) private readonly config: FieldConfig) {}

  async enqueue<Payload>(job: JobDefinition<Payload>, payload: Payload, options: EnqueueOptions): Promise<void> {
    await this.queue(job.queue).add(job.name, payload, {
      jobId: options.jobId,
      delay: options.delayMs,
      attempts: job.attempts,
      backoff: { type: 'exponential', delay: job.backoffMs },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: bullConnection(this.config), prefix: this.config.queuePrefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
