import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CreateTaskBody, Domain, Task } from '@app/contract';
import { byConstraint, conflict } from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { TasksConstraint, TasksRow } from '../rows.generated';

@Injectable()
export class TasksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, body: CreateTaskBody): Promise<Task> {
    try {
      const [row]: TasksRow[] = await manager.query(
        'INSERT INTO tasks (key, domain, name, instruction, variations) VALUES ($1, $2, $3, $4, $5) RETURNING *',
        [body.key, body.domain, body.name, body.instruction, JSON.stringify(body.variations)],
      );
      return presentTask(row);
    } catch (error) {
      throw byConstraint<TasksConstraint>(error, {
        tasks_pkey: () => conflict(`a task with key ${body.key} already exists`),
      });
    }
  }

  async find(key: string, manager: EntityManager = this.dataSource.manager): Promise<Task | null> {
    const [row]: TasksRow[] = await manager.query('SELECT * FROM tasks WHERE key = $1', [key]);
    return row ? presentTask(row) : null;
  }

  async list(domain: Domain | undefined): Promise<Task[]> {
    const rows: TasksRow[] = domain
      ? await this.dataSource.query('SELECT * FROM tasks WHERE domain = $1 ORDER BY key', [domain])
      : await this.dataSource.query('SELECT * FROM tasks ORDER BY key');
    return rows.map(presentTask);
  }
}

function presentTask(row: TasksRow): Task {
  return {
    key: row.key,
    domain: row.domain,
    name: row.name,
    instruction: row.instruction,
    variations: row.variations as Task['variations'],
    createdAt: row.created_at.toISOString(),
  };
}
