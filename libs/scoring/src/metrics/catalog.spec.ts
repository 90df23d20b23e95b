import { parseMetricKey, TRAINING_METRICS } from '@app/contract';
import { METRIC_CATALOG } from './catalog';

describe('the metric catalog', () => {
  it('lists every metric of the contract with a unit, a meaning and a computation', () => {
    const keys = METRIC_CATALOG.map((entry) => entry.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'spec.<name>',
        ...TRAINING_METRICS,
        'task.attempts:<taskKey>',
        'task.success_rate:<taskKey>',
        'task.success_rate_lcb:<taskKey>',
        'task.mean_cycle_time_s:<taskKey>',
        'exam.passed:<taskKey>',
        'exam.success_rate_lcb:<taskKey>',
      ]),
    );
    expect(new Set(keys).size).toBe(keys.length);
    for (const entry of METRIC_CATALOG) {
      expect(entry.unit).not.toBe('');
      expect(entry.description.length).toBeGreaterThan(10);
      expect(entry.computation.length).toBeGreaterThan(10);
    }
  });

  it('offers only declared specs to admission, since an applicant has not trained yet', () => {
    const admission = METRIC_CATALOG.filter((entry) => entry.stages.includes('admission'));
    expect(admission.map((entry) => entry.key)).toEqual(['spec.<name>']);
  });

  it('names keys that parse, once the placeholders are filled in', () => {
    for (const { key } of METRIC_CATALOG) {
      expect(parseMetricKey(key.replace('<name>', 'payloadKg').replace('<taskKey>', 'pick_place'))).not.toBeNull();
    }
  });
});
