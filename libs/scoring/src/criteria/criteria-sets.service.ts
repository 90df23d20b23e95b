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
import { Actor, AuditService, conflict, DomainError, notFound, retryTransient } from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import { criteriaProblems } from './criteria-rules';
import { CriteriaSetsRepository } from './criteria-sets.repository';

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
    private readonly repository: CriteriaSetsRepository,
    private readonly audit: AuditService,
  ) {}

  async create(body: CreateCriteriaSetBody, actor: Actor): Promise<CriteriaSet> {
    assertCriteriaFit(body.stage, body.criteria);
    return retryTransient(() =>
      this.dataSource.transaction(async (manager) => {
        await this.repository.lockLine(manager, body.stage, body.domain);
        const id = await this.repository.insertDraft(manager, body, actor.id);
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
  list(query: ListCriteriaSetsQuery): Promise<Page<CriteriaSet>> {
    return this.repository.list(query);
  }

  /** A draft only: its name, pass score or criteria (replaced as a whole). */
  update(id: string, body: UpdateCriteriaSetBody): Promise<CriteriaSet> {
    return this.changeDraft(id, async (manager, before) => {
      if (body.criteria) assertCriteriaFit(before.stage, body.criteria);
      await this.repository.updateDraft(manager, id, body);
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
      await this.repository.deleteDraft(manager, id);
      await this.audit.record(
        { action: 'criteria_set.delete', entity: 'criteria_set', entityId: id, before: auditView(before) },
        manager,
      );
    });
  }

  /** draft → active; the active set of the same (stage, domain), if any, becomes superseded. */
  publish(id: string, actor: Actor): Promise<CriteriaSet> {
    return this.changeDraft(id, async (manager, draft) => {
      await this.repository.lockLine(manager, draft.stage, draft.domain);
      const superseded = await this.repository.supersedeActive(manager, draft.stage, draft.domain);
      await this.repository.activate(manager, id, actor.id);
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
  activeFor(stage: Stage, domain: Domain): Promise<CriteriaSet | null> {
    return this.repository.activeFor(stage, domain);
  }

  private changeDraft<T>(id: string, change: (manager: EntityManager, before: CriteriaSet) => Promise<T>): Promise<T> {
    return retryTransient(() =>
      this.dataSource.transaction(async (manager) => {
        const status = await this.repository.lockStatus(manager, id);
        if (status === null) throw notFound('criteria set', id);
        if (status !== 'draft') throw published({ id, status });
        return change(manager, await this.load(manager, id));
      }),
    );
  }

  private async load(manager: EntityManager, id: string): Promise<CriteriaSet> {
    const set = await this.repository.find(id, manager);
    if (!set) throw notFound('criteria set', id);
    return set;
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
