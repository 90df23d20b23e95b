import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';
import { queueNames } from './job-definitions';
import { JobsService } from './jobs.service';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** Queue depths in /metrics, read from Redis at scrape time. */
@Injectable()
export class QueueMetrics {
  constructor(metrics: MetricsService, jobs: JobsService) {
    new Gauge({
      name: 'field_queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [metrics.registry],
      async collect() {
        for (const queue of queueNames()) {
          try {
            const counts = await jobs.jobCounts(queue, STATES);
            for (const state of STATES) this.set({ queue, state }, counts[state] ?? 0);
          } catch {
            // Redis is away: /health says so; the gauge keeps its last values.
          }
        }
      },
    });
  }
}
