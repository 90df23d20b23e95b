import type { CriteriaSet, Criterion } from '@app/contract';

/** A criteria set with its criteria (in order), as the queries below select it. */
export interface CriteriaSetRow {
  id: string;
  name: string;
  stage: CriteriaSet['stage'];
  domain: CriteriaSet['domain'];
  version: number;
  status: CriteriaSet['status'];
  pass_score: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
  superseded_at: Date | null;
  criteria: Criterion[];
}

export const CRITERIA_SET_COLUMNS = `s.id, s.name, s.stage, s.domain, s.version, s.status, s.pass_score, s.created_by,
  s.created_at, s.updated_at, s.published_at, s.superseded_at,
  coalesce((SELECT json_agg(json_build_object('key', c.key, 'dimension', c.dimension, 'metric', c.metric, 'op', c.op,
      'threshold', c.threshold, 'weight', c.weight, 'required', c.required) ORDER BY c.position)
    FROM criteria c WHERE c.criteria_set_id = s.id), '[]') AS criteria`;

export function presentCriteriaSet(row: CriteriaSetRow): CriteriaSet {
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
