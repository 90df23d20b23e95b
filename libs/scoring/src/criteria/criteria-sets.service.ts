import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CreateCriteriaSetBody,
  CriteriaSet,
  Domain,
  ListCriteriaSetsQuery,
  Page,
  Stage,
  UpdateCriteriaSetBody,
} from '@app/contract';
import {
  Actor,
  AuditService,
  byConstraint,
  conflict,
  decodeIdCursor,
  DomainError,
  notFound,
  retryTransient,
  toPage,
} from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import { criteriaProblems } from './criteria-rules';
import { CRITERIA_SET_COLUMNS, CriteriaSetRow, presentCriteriaSet } from './criteria-set-rows';

const IMMUTABLE = 'criteria_sets_published_immutable';

const published = (set: { id: string; status: string }) =>
  conflict(`criteria set ${set.id} is ${set.status}: a published set never changes; create a new version instead`);

/**
 * The standard's criteria sets: drafts that change freely, then published versions that never
 * change (the database refuses it too). Publishing a set supersedes the active set of its
 * (stage, domain) in the same transaction; a partial unique index keeps one active set per line.
 */
@Injectable()
export class CriteriaSetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(body: CreateCriteriaSetBody, actor: Actor): Promise<CriteriaSet> {
    assertCriteriaFit(body.stage, body.criteria);
    return retryTransient(() =>
      this.dataSource.transaction(async (manager) => {
        await lockLine(manager, body.stage, body.domain);
        const [{ id }]: { id: string }[] = await manager.query(
          `INSERT INTO criteria_sets (name, stage, domain, version, pass_score, created_by)
           SELECT $1, $2, $3, coalesce(max(version), 0) + 1, $4, $5 FROM criteria_sets
            WHERE stage = $2 AND domain IS NOT DISTINCT FROM $3
           RETURNING id`,
          [body.name, body.stage, body.domain, body.passScore, actor.id],
        );
        await insertCriteria(manager, id, body.criteria);
        const created = await this.load(manager, id);
        await this.audit.record(
          { action: 'criteria_set.create', entity: 'criteria_set', entityId: id, after: auditView(created) },
          manager,
        );
        return created;
      }),
    );
  }

  async get(id: string): Promise<CriteriaSet> {
    return this.load(this.dataSource.manager, id);
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
      `SELECT ${CRITERIA_SET_COLUMNS} FROM criteria_sets s
        ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY s.id DESC LIMIT ${param(query.limit + 1)}`,
      params,
    );
    return toPage(rows, query.limit, (row) => [row.id], presentCriteriaSet);
  }

  /** A draft only: its name, pass score or criteria (replaced as a whole). */
  update(id: string, body: UpdateCriteriaSetBody): Promise<CriteriaSet> {
    return this.changeDraft(id, async (manager, before) => {
      if (body.criteria) assertCriteriaFit(before.stage, body.criteria);
      await manager.query(
        `UPDATE criteria_sets SET name = coalesce($2, name), pass_score = coalesce($3, pass_score), updated_at = now()
          WHERE id = $1`,
        [id, body.name ?? null, body.passScore ?? null],
      );
      if (body.criteria) {
        await manager.query('DELETE FROM criteria WHERE criteria_set_id = $1', [id]);
        await insertCriteria(manager, id, body.criteria);
      }
      const after = await this.load(manager, id);
      await this.audit.record(
        {
          action: 'criteria_set.update',
          entity: 'criteria_set',
          entityId: id,
          before: auditView(before),
          after: auditView(after),
        },
        manager,
      );
      return after;
    });
  }

  /** A draft only. */
  async remove(id: string): Promise<void> {
    await this.changeDraft(id, async (manager, before) => {
      await manager.query('DELETE FROM criteria_sets WHERE id = $1', [id]);
      await this.audit.record(
        { action: 'criteria_set.delete', entity: 'criteria_set', entityId: id, before: auditView(before) },
        manager,
      );
    });
  }

  /** draft → active; the active set of the same (stage, domain), if any, becomes superseded. */
  publish(id: string, actor: Actor): Promise<CriteriaSet> {
    return this.changeDraft(id, async (manager, draft) => {
      await lockLine(manager, draft.stage, draft.domain);
      // TypeORM answers an UPDATE on PostgreSQL with [rows, rowCount].
      const [superseded]: [{ id: string; version: number }[], number] = await manager.query(
        `UPDATE criteria_sets SET status = 'superseded', superseded_at = now()
          WHERE stage = $1 AND domain IS NOT DISTINCT FROM $2 AND status = 'active' RETURNING id, version`,
        [draft.stage, draft.domain],
      );
      await manager.query(
        `UPDATE criteria_sets SET status = 'active', published_at = now(), published_by = $2, updated_at = now()
          WHERE id = $1`,
        [id, actor.id],
      );
      const active = await this.load(manager, id);
      await this.audit.recordMany(
        [
          {
            action: 'criteria_set.publish',
            entity: 'criteria_set',
            entityId: id,
            before: { status: 'draft' },
            after: { status: 'active', version: active.version },
            details: { supersedes: superseded[0]?.id ?? null },
          },
          ...superseded.map((old) => ({
            action: 'criteria_set.supersede',
            entity: 'criteria_set',
            entityId: old.id,
            before: { status: 'active' },
            after: { status: 'superseded' },
            details: { supersededBy: id },
          })),
        ],
        manager,
      );
      return active;
    });
  }

  /**
   * The set an evaluation of this stage uses: the active set of the domain, else the active set for
   * every domain (domain null); null when neither exists.
   */
  async activeFor(stage: Stage, domain: Domain): Promise<CriteriaSet | null> {
    const rows: CriteriaSetRow[] = await this.dataSource.query(
      `SELECT ${CRITERIA_SET_COLUMNS} FROM criteria_sets s
        WHERE s.stage = $1 AND s.status = 'active' AND (s.domain = $2 OR s.domain IS NULL)
        ORDER BY s.domain NULLS LAST LIMIT 1`,
      [stage, domain],
    );
    return rows[0] ? presentCriteriaSet(rows[0]) : null;
  }

  private async changeDraft<T>(
    id: string,
    change: (manager: EntityManager, before: CriteriaSet) => Promise<T>,
  ): Promise<T> {
    try {
      return await retryTransient(() =>
        this.dataSource.transaction(async (manager) => {
          const locked: { id: string; status: string }[] = await manager.query(
            'SELECT id, status FROM criteria_sets WHERE id = $1 FOR UPDATE',
            [id],
          );
          if (locked.length === 0) throw notFound('criteria set', id);
          if (locked[0].status !== 'draft') throw published(locked[0]);
          return change(manager, await this.load(manager, id));
        }),
      );
    } catch (error) {
      // The database's own guard, should a change ever slip past the check above.
      throw byConstraint(error, { [IMMUTABLE]: () => conflict('a published criteria set never changes') });
    }
  }

  private async load(manager: EntityManager, id: string): Promise<CriteriaSet> {
    const rows: CriteriaSetRow[] = await manager.query(
      `SELECT ${CRITERIA_SET_COLUMNS} FROM criteria_sets s WHERE s.id = $1`,
      [id],
    );
    if (rows.length === 0) throw notFound('criteria set', id);
    return presentCriteriaSet(rows[0]);
  }
}

function assertCriteriaFit(stage: Stage, criteria: readonly { metric: string }[]): void {
  const errors = criteriaProblems(stage, criteria);
  if (errors.length > 0) {
    throw new DomainError(
      'unprocessable',
      errors.length === 1 ? errors[0].message : `${errors.length} criteria do not fit an ${stage} set`,
      {
        errors,
      },
    );
  }
}

/** Serialises the writers of one (stage, domain) line: version numbers and the one active set. */
async function lockLine(manager: EntityManager, stage: Stage, domain: Domain | null): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
    `criteria-line:${stage}:${domain ?? '*'}`,
  ]);
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

/** What the audit trail keeps of a set. */
function auditView(set: CriteriaSet): Record<string, unknown> {
  return {
    name: set.name,
    stage: set.stage,
    domain: set.domain,
    version: set.version,
    status: set.status,
    passScore: set.passScore,
    criteria: set.criteria,
  };
}
