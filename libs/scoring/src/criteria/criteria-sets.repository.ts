import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CreateCriteriaSetBody,
  CriteriaSet,
  Criterion,
  Domain,
  ListCriteriaSetsQuery,
  Page,
  Stage,
} from '@app/contract';
import { byConstraint, conflict, decodeIdCursor, toPage } from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { CriteriaConstraint, CriteriaSetsConstraint, CriteriaSetsRow } from '../rows.generated';

type CriteriaSetRow = CriteriaSetsRow & { criteria: Criterion[] };

/** What guards a criteria set, its criteria and (by trigger) their immutability once published. */
type CriteriaSetGuard = CriteriaSetsConstraint | CriteriaConstraint;

const SELECT_SETS = `SELECT s.*,
  coalesce((SELECT json_agg(json_build_object('key', c.key, 'dimension', c.dimension, 'metric', c.metric, 'op', c.op,
      'threshold', c.threshold, 'weight', c.weight, 'required', c.required) ORDER BY c.position)
    FROM criteria c WHERE c.criteria_set_id = s.id), '[]') AS criteria
  FROM criteria_sets s`;

export interface DraftChanges {
  name?: string;
  passScore?: number;
  /** Replaces the draft's criteria as a whole. */
  criteria?: CreateCriteriaSetBody['criteria'];
}

/** Criteria sets with their criteria (in order). */
@Injectable()
export class CriteriaSetsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Serialises the writers of one (stage, domain) line: version numbers and the one active set. */
  async lockLine(manager: EntityManager, stage: Stage, domain: Domain | null): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `criteria-line:${stage}:${domain ?? '*'}`,
    ]);
  }

  /** A draft numbered after the latest version of its line (lock the line first); answers its id. */
  async insertDraft(manager: EntityManager, body: CreateCriteriaSetBody, createdBy: string): Promise<string> {
    const [{ id }]: Pick<CriteriaSetsRow, 'id'>[] = await manager.query(
      `INSERT INTO criteria_sets (name, stage, domain, version, pass_score, created_by)
       SELECT $1, $2, $3, coalesce(max(version), 0) + 1, $4, $5 FROM criteria_sets
        WHERE stage = $2 AND domain IS NOT DISTINCT FROM $3
       RETURNING id`,
      [body.name, body.stage, body.domain, body.passScore, createdBy],
    );
    await insertCriteria(manager, id, body.criteria);
    return id;
  }

  async find(id: string, manager: EntityManager = this.dataSource.manager): Promise<CriteriaSet | null> {
    const rows: CriteriaSetRow[] = await manager.query(`${SELECT_SETS} WHERE s.id = $1`, [id]);
    return rows[0] ? toCriteriaSet(rows[0]) : null;
  }

  /** Newest first within each filter. */
  async list(query: ListCriteriaSetsQuery): Promise<Page<CriteriaSet>> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.stage) conditions.push(`s.stage = ${param(query.stage)}`);
    if (query.domain) conditions.push(`s.domain = ${param(query.domain)}`);
    if (query.status) conditions.push(`s.status = ${param(query.status)}`);
    if (query.cursor) conditions.push(`s.id < ${param(decodeIdCursor(query.cursor))}`);
    const rows: CriteriaSetRow[] = await this.dataSource.query(
      `${SELECT_SETS} ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY s.id DESC LIMIT ${param(query.limit + 1)}`,
      params,
    );
    return toPage(rows, query.limit, (row) => [row.id], toCriteriaSet);
  }

  /** The active set of the domain, else the active set for every domain (domain null). */
  async activeFor(stage: Stage, domain: Domain): Promise<CriteriaSet | null> {
    const rows: CriteriaSetRow[] = await this.dataSource.query(
      `${SELECT_SETS} WHERE s.stage = $1 AND s.status = 'active' AND (s.domain = $2 OR s.domain IS NULL)
        ORDER BY s.domain NULLS LAST LIMIT 1`,
      [stage, domain],
    );
    return rows[0] ? toCriteriaSet(rows[0]) : null;
  }

  /** Locks the set's row for a change; its status, or null when there is no such set. */
  async lockStatus(manager: EntityManager, id: string): Promise<CriteriaSetsRow['status'] | null> {
    const locked: Pick<CriteriaSetsRow, 'status'>[] = await manager.query(
      'SELECT status FROM criteria_sets WHERE id = $1 FOR UPDATE',
      [id],
    );
    return locked[0]?.status ?? null;
  }

  updateDraft(manager: EntityManager, id: string, changes: DraftChanges): Promise<void> {
    return guarded(async () => {
      await manager.query(
        `UPDATE criteria_sets SET name = coalesce($2, name), pass_score = coalesce($3, pass_score), updated_at = now()
          WHERE id = $1`,
        [id, changes.name ?? null, changes.passScore ?? null],
      );
      if (changes.criteria) {
        await manager.query('DELETE FROM criteria WHERE criteria_set_id = $1', [id]);
        await insertCriteria(manager, id, changes.criteria);
      }
    });
  }

  deleteDraft(manager: EntityManager, id: string): Promise<void> {
    return guarded(async () => {
      await manager.query('DELETE FROM criteria_sets WHERE id = $1', [id]);
    });
  }

  /** The line's active set, if any, becomes superseded; answers the sets it superseded. */
  supersedeActive(
    manager: EntityManager,
    stage: Stage,
    domain: Domain | null,
  ): Promise<Pick<CriteriaSetsRow, 'id' | 'version'>[]> {
    return guarded(async () => {
      // TypeORM answers an UPDATE on PostgreSQL with [rows, rowCount].
      const [superseded]: [Pick<CriteriaSetsRow, 'id' | 'version'>[], number] = await manager.query(
        `UPDATE criteria_sets SET status = 'superseded', superseded_at = now()
          WHERE stage = $1 AND domain IS NOT DISTINCT FROM $2 AND status = 'active' RETURNING id, version`,
        [stage, domain],
      );
      return superseded;
    });
  }

  activate(manager: EntityManager, id: string, publishedBy: string): Promise<void> {
    return guarded(async () => {
      await manager.query(
        `UPDATE criteria_sets SET status = 'active', published_at = now(), published_by = $2, updated_at = now()
          WHERE id = $1`,
        [id, publishedBy],
      );
    });
  }
}

/** The database's own guard, should a change to a published set ever slip past the service's check. */
async function guarded<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw byConstraint<CriteriaSetGuard>(error, {
      criteria_sets_published_immutable: () => conflict('a published criteria set never changes'),
    });
  }
}

async function insertCriteria(
  manager: EntityManager,
  setId: string,
  criteria: CreateCriteriaSetBody['criteria'],
): Promise<void> {
  await manager.query(
    `INSERT INTO criteria (criteria_set_id, key, position, dimension, metric, op, threshold, weight, required)
     SELECT $1, c.key, c.position, c.dimension, c.metric, c.op, c.threshold, c.weight, c.required
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::boolean[])
         WITH ORDINALITY AS c(key, dimension, metric, op, threshold, weight, required, position)`,
    [
      setId,
      criteria.map((c) => c.key),
      criteria.map((c) => c.dimension),
      criteria.map((c) => c.metric),
      criteria.map((c) => c.op),
      criteria.map((c) => c.threshold),
      criteria.map((c) => c.weight),
      criteria.map((c) => c.required),
    ],
  );
}

function toCriteriaSet(row: CriteriaSetRow): CriteriaSet {
  return {
    id: row.id,
    name: row.name,
    stage: row.stage,
    domain: row.domain,
    version: row.version,
    status: row.status,
    passScore: row.pass_score,
    criteria: row.criteria,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
    supersededAt: row.superseded_at?.toISOString() ?? null,
  };
}
