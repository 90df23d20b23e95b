import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobsService } from './jobs.service';
import { QueueMetrics } from './queue-metrics';
import { WorkerHost } from './worker-host';

/** BullMQ on Redis: every process enqueues; worker roles also process (see WorkerHost). */
@Global()
@Module({})
export class JobsModule {
  static forRoot(options: { processJobs: boolean }): DynamicModule {
    return {
      module: JobsModule,
      imports: options.processJobs ? [DiscoveryModule] : [],
      providers: [JobsService, QueueMetrics, ...(options.processJobs ? [WorkerHost] : [])],
      exports: [JobsService],
    };
  }
}
