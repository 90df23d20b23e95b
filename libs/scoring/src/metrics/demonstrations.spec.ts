import { robotSession } from '../../../../test/support/summaries';
import { teleopSamples } from './demonstrations';

describe('data.teleop_samples', () => {
  it('sums the teleop samples of the sessions', () => {
    expect(teleopSamples([robotSession({ teleopSamples: 60_000 }), robotSession({ teleopSamples: 40_000 })])).toEqual({
      value: 100_000,
      basis: '100000 teleop samples in 2 sessions',
    });
    expect(teleopSamples([robotSession()]).value).toBe(0);
  });

  it('has no value without sessions', () => {
    expect(teleopSamples([]).value).toBeNull();
  });
});
