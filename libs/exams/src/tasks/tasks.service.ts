import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CreateTaskBody, Domain, Task } from '@app/contract';
import { Actor, AuditService, notFound } from '@app/platform';
import { DataSource } from 'typeorm';
import { TasksRepository } from './tasks.repository';

/** The task catalogue: what robots train at, and the initial conditions an exam draws from. */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TasksRepository,
    private readonly audit: AuditService,
  ) {}

  create(body: CreateTaskBody, actor: Actor): Promise<Task> {
    return this.dataSource.transaction(async (manager) => {
      const created = await this.tasks.insert(manager, body);
      await this.audit.record(
        { action: 'task.create', entity: 'task', entityId: created.key, after: created, actor },
        manager,
      );
      return created;
    });
  }

  list(domain?: Domain): Promise<Task[]> {
    return this.tasks.list(domain);
  }

  async get(key: string): Promise<Task> {
    const task = await this.tasks.find(key);
    if (!task) throw notFound('task', key);
    return task;
  }

  /** The task, or null: for callers that answer a missing task their own way. */
  find(key: string): Promise<Task | null> {
    return this.tasks.find(key);
  }
}
