import { CORE_TASKS, CriteriaSet, Domain } from '@app/contract';
import type { FieldClient } from './field-client';

export interface TermPlan {
  /** Seconds each robot trains in total (virtual and physical), and physically. */
  trainingSeconds: number;
  physicalSeconds: number;
  /** Teleoperated demonstration samples each robot records. */
  teleopSamples: number;
}

/**
 * The demo compresses a training term of months into minutes, so it cannot graduate anyone against
 * the field's default standard (200 hours, 100,000 demonstration samples). It publishes, for each
 * domain, a graduation standard with the same criteria whose time and volume thresholds are scaled
 * to the compressed term, named as such; success, safety, reliability and compliance stay strict,
 * and, as in the default sets, a passed exam of the domain's core task is required.
 */
export async function publishCompressedStandard(
  admin: FieldClient,
  domains: readonly Domain[],
  plan: TermPlan,
): Promise<CriteriaSet[]> {
  const published: CriteriaSet[] = [];
  for (const domain of domains) {
    const name = `毕业标准（演示：训练期压缩为 ${Math.round(plan.trainingSeconds)} 秒）· ${domain}`;
    const exam = `exam.passed:${CORE_TASKS[domain]}`;
    const active = await admin.all<CriteriaSet>(`/criteria-sets?stage=graduation&domain=${domain}&status=active`);
    if (active[0]?.name === name && active[0].criteria.some((criterion) => criterion.metric === exam)) {
      published.push(active[0]);
      continue;
    }
    const draft = await admin.post<CriteriaSet>('/criteria-sets', {
      name,
      stage: 'graduation',
      domain,
      passScore: 75,
      criteria: [
        {
          key: 'training_hours',
          dimension: 'industry_fit',
          metric: 'training.hours',
          op: 'gte',
          threshold: round((plan.trainingSeconds * 0.8) / 3600),
          weight: 2,
          required: true,
        },
        {
          key: 'physical_hours',
          dimension: 'industry_fit',
          metric: 'training.physical_hours',
          op: 'gte',
          threshold: round((plan.physicalSeconds * 0.8) / 3600),
          weight: 1,
          required: false,
        },
        {
          key: 'cycle_time',
          dimension: 'industry_fit',
          metric: 'task.mean_cycle_time_s',
          op: 'lte',
          threshold: 60,
          weight: 1,
          required: false,
        },
        {
          key: 'success_rate',
          dimension: 'technical_leadership',
          metric: 'task.success_rate',
          op: 'gte',
          threshold: 0.7,
          weight: 3,
          required: true,
        },
        {
          key: 'core_task_exam',
          dimension: 'technical_leadership',
          metric: exam,
          op: 'gte',
          threshold: 1,
          weight: 3,
          required: true,
        },
        {
          key: 'teleop_samples',
          dimension: 'technical_leadership',
          metric: 'data.teleop_samples',
          op: 'gte',
          threshold: Math.floor(plan.teleopSamples * 0.5),
          weight: 2,
          required: true,
        },
        {
          key: 'sim_to_real_gap',
          dimension: 'technical_leadership',
          metric: 'sim_to_real.success_gap',
          op: 'lte',
          threshold: 0.3,
          weight: 1,
          required: false,
        },
        {
          key: 'estop',
          dimension: 'spec_compliance',
          metric: 'spec.estop',
          op: 'gte',
          threshold: 1,
          weight: 1,
          required: true,
        },
        {
          key: 'data_interface',
          dimension: 'spec_compliance',
          metric: 'spec.telemetryInterface',
          op: 'gte',
          threshold: 1,
          weight: 1,
          required: false,
        },
        {
          key: 'safety_incidents',
          dimension: 'safety',
          metric: 'safety.incidents_per_hour',
          op: 'lte',
          threshold: 0.05,
          weight: 3,
          required: true,
        },
        {
          key: 'uptime',
          dimension: 'reliability',
          metric: 'uptime.ratio',
          op: 'gte',
          threshold: 0.9,
          weight: 2,
          required: false,
        },
        {
          key: 'interventions',
          dimension: 'reliability',
          metric: 'interventions.per_hour',
          op: 'lte',
          threshold: 0.5,
          weight: 1,
          required: false,
        },
      ],
    });
    published.push(await admin.post<CriteriaSet>(`/criteria-sets/${draft.id}/publish`));
  }
  return published;
}

const round = (hours: number) => Math.floor(hours * 1e6) / 1e6;
