import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { DelayedError, Job, UnrecoverableError, Worker } from 'bullmq';
import { Histogram } from 'prom-client';
import { FIELD_CONFIG } from '../config/config.module';
import type { FieldConfig } from '../config/field-config';
import { MetricsService } from '../metrics/metrics.service';
import { bullConnection } from './bull-connection';
import { definedJobs, jobSchedules } from './job-definitions';
import { JOB_HANDLER, JobHandler } from './job-handler';
import { JobsService } from './jobs.service';

/**
 * Runs the job handlers of this process (worker and all roles): one BullMQ worker per queue named
 * in FIELD_WORKER_QUEUES, dispatching by job name. It refuses to start when a defined job has no
 * handler or two, and closes its workers (letting running jobs finish) on shutdown.
 */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHost.name);
  private readonly workers: Worker[] = [];
  private readonly duration: Histogram<'queue' | 'job' | 'outcome'>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly jobs: JobsService,
    @Inject(FIELD_CONFIG) private readonly config: FieldConfig,
    metrics: MetricsService,
  ) {
    this.duration = new Histogram({
      name: 'field_job_duration_seconds',
      help: 'Job run time by queue, job and outcome',
      labelNames: ['queue', 'job', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 120],
      registers: [metrics.registry],
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.discoverHandlers();
    const queues = this.config.workerQueues ?? [...new Set(definedJobs().map((job) => job.queue))];
    for (const queue of queues) {
      const worker = new Worker(queue, (job: Job, token?: string) => this.run(queue, job, token, handlers), {
        connection: bullConnection(this.config),
        prefix: this.config.queuePrefix,
        concurrency: this.config.workerConcurrency,
        lockDuration: this.config.jobLockMs,
        // The job of a worker that died goes back to the queue within about two lock durations.
        stalledInterval: Math.min(30_000, Math.ceil(this.config.jobLockMs / 2)),
      });
      worker.on('failed', (job, error) => {
        this.logger.warn({ err: error, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade }, 'a job failed');
        // finishedOn is set only when BullMQ gives up on the job: no attempt is left, or it is unrecoverable.
        if (job?.finishedOn) void this.reportFinalFailure(handlers, job, error);
      });
      worker.on('error', (error) => this.logger.error({ err: error, queue }, 'a queue worker failed'));
      this.workers.push(worker);
    }
    for (const schedule of jobSchedules()) {
      if (!queues.includes(schedule.job.queue)) continue;
      await this.jobs.queue(schedule.job.queue).upsertJobScheduler(
        schedule.job.name,
        { every: schedule.everyMs },
        {
          name: schedule.job.name,
          data: schedule.payload,
          opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
        },
      );
    }
    if (queues.length > 0) this.logger.log(`processing queues: ${queues.join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }

  private async run(
    queue: string,
    job: Job,
    token: string | undefined,
    handlers: Map<string, JobHandler<unknown>>,
  ): Promise<unknown> {
    const handler = handlers.get(job.name);
    if (!handler) throw new UnrecoverableError(`no handler for the job "${job.name}"`);
    const stop = this.duration.startTimer({ queue, job: job.name });
    try {
      const result = await handler.handle(job.data, {
        id: String(job.id),
        attempt: job.attemptsMade + 1,
        progress: (percent) => job.updateProgress(percent),
        delayUntil: async (timestamp) => {
          await job.moveToDelayed(timestamp, token);
          throw new DelayedError();
        },
      });
      stop({ outcome: 'completed' });
      return result;
    } catch (error) {
      stop({ outcome: error instanceof DelayedError ? 'delayed' : 'failed' });
      throw error;
    }
  }

  private async reportFinalFailure(handlers: Map<string, JobHandler<unknown>>, job: Job, error: Error): Promise<void> {
    const handler = handlers.get(job.name);
    if (!handler?.failed) return;
    try {
      await handler.failed(job.data, error.message);
    } catch (failure) {
      this.logger.error({ err: failure, job: job.name, jobId: job.id }, 'recording a failed job failed');
    }
  }

  private discoverHandlers(): Map<string, JobHandler<unknown>> {
    const handlers = new Map<string, JobHandler<unknown>>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as JobHandler<unknown> | undefined;
      if (!instance || !wrapper.metatype) continue;
      const name = this.reflector.get<string | undefined>(JOB_HANDLER, wrapper.metatype);
      if (!name) continue;
      if (handlers.has(name)) throw new Error(`the job "${name}" has two handlers`);
      handlers.set(name, instance);
    }
    const missing = definedJobs().filter((job) => !handlers.has(job.name));
    if (missing.length > 0) {
      throw new Error(`jobs without a handler: ${missing.map((job) => job.name).join(', ')}`);
    }
    return handlers;
  }
}
