import { choiceOf, isTemplate, metricOf, placeholderOf } from './metric-key';

const CATALOG = [
  'spec.<name>',
  'training.hours',
  'task.success_rate',
  'task.success_rate_lcb',
  'task.success_rate:<taskKey>',
  'task.success_rate_lcb:<taskKey>',
];

describe('metric keys of the catalog', () => {
  it('tells templates and their placeholders', () => {
    expect(isTemplate('spec.<name>')).toBe(true);
    expect(isTemplate('training.hours')).toBe(false);
    expect(placeholderOf('task.success_rate:<taskKey>')).toBe('taskKey');
    expect(placeholderOf('training.hours')).toBeNull();
  });

  it('fills a template in, and leaves a concrete metric as it is', () => {
    expect(metricOf('spec.<name>', ' payloadKg ')).toBe('spec.payloadKg');
    expect(metricOf('task.success_rate_lcb:<taskKey>', 'pick')).toBe('task.success_rate_lcb:pick');
    expect(metricOf('training.hours', 'ignored')).toBe('training.hours');
  });

  it('finds the entry a metric comes from, the longest template prefix winning', () => {
    expect(choiceOf('training.hours', CATALOG)).toEqual({ key: 'training.hours', param: '' });
    expect(choiceOf('task.success_rate_lcb', CATALOG)).toEqual({ key: 'task.success_rate_lcb', param: '' });
    expect(choiceOf('spec.payloadKg', CATALOG)).toEqual({ key: 'spec.<name>', param: 'payloadKg' });
    expect(choiceOf('task.success_rate_lcb:pick', CATALOG)).toEqual({
      key: 'task.success_rate_lcb:<taskKey>',
      param: 'pick',
    });
    expect(choiceOf('task.success_rate:pick', CATALOG)).toEqual({ key: 'task.success_rate:<taskKey>', param: 'pick' });
    expect(choiceOf('nothing.like.it', CATALOG)).toEqual({ key: null, param: '' });
    expect(choiceOf(undefined, CATALOG)).toEqual({ key: null, param: '' });
  });
});
