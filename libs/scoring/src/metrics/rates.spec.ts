import { robotSession } from '../../../../test/support/summaries';
import { interventionsPerHour, safetyIncidentsPerHour } from './rates';

describe('per-hour metrics', () => {
  const sessions = [
    robotSession({ runSeconds: 7200, safety: { estop: 1, collision: 1, near_miss: 2 }, interventions: 3 }),
    robotSession({ runSeconds: 1800, safety: { estop: 0, collision: 0, near_miss: 1 }, interventions: 0 }),
  ];

  it('safety.incidents_per_hour counts every safety event over the hours of training', () => {
    expect(safetyIncidentsPerHour(sessions)).toEqual({ value: 2, basis: '5 safety incidents in 2.5 h of training' });
  });

  it('interventions.per_hour divides interventions by the hours of training', () => {
    expect(interventionsPerHour(sessions).value).toBe(1.2);
  });

  it('is 0 for a clean record and has no value without training time', () => {
    expect(safetyIncidentsPerHour([robotSession()]).value).toBe(0);
    expect(safetyIncidentsPerHour([]).value).toBeNull();
    expect(interventionsPerHour([robotSession({ runSeconds: 0, interventions: 1 })])).toEqual({
      value: null,
      basis: 'no training time',
    });
  });
});
