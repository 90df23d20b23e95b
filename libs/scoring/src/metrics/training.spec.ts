import { robotSession } from '../../../../test/support/summaries';
import { trainingHours } from './training';

describe('training hours', () => {
  const sessions = [
    robotSession({ runSeconds: 5400, mode: 'physical' }),
    robotSession({ runSeconds: 1800, mode: 'virtual' }),
    robotSession({ runSeconds: 3600, mode: 'physical' }),
  ];

  it('sums the actual run time of the sessions, in hours', () => {
    expect(trainingHours(sessions)).toEqual({ value: 3, basis: '3 h over 3 sessions' });
  });

  it('counts physical and virtual bays apart', () => {
    expect(trainingHours(sessions, 'physical').value).toBe(2.5);
    expect(trainingHours(sessions, 'virtual')).toEqual({ value: 0.5, basis: '0.5 h over 1 session in virtual bays' });
    expect(trainingHours(sessions.slice(0, 1), 'virtual').value).toBe(0);
  });

  it('has no value without sessions', () => {
    expect(trainingHours([]).value).toBeNull();
  });
});
