import { robotSession, tallies } from '../../../../test/support/summaries';
import { drillSuccessRate, simToRealGap } from './transfer';

describe('sim_to_real.success_gap', () => {
  it('is |virtual − physical success rate|', () => {
    const measured = simToRealGap([
      robotSession({ mode: 'virtual', byTask: { pick: tallies(10, 9) } }),
      robotSession({ mode: 'virtual', byTask: { pick: tallies(10, 9) } }),
      robotSession({ mode: 'physical', byTask: { pick: tallies(10, 7) } }),
    ]);
    expect(measured.value).toBeCloseTo(0.2, 12);
    expect(measured.basis).toBe('virtual 0.9 over 20 attempts, physical 0.7 over 10 attempts');
  });

  it('has no value unless both modes have attempts', () => {
    expect(simToRealGap([]).value).toBeNull();
    const onlyVirtual = simToRealGap([
      robotSession({ mode: 'virtual', byTask: { pick: tallies(10, 9) } }),
      robotSession({ mode: 'physical' }),
    ]);
    expect(onlyVirtual.value).toBeNull();
    expect(onlyVirtual.basis).toContain('virtual: 10, physical: 0');
  });
});

describe('drill.success_rate', () => {
  it('reads only group drills', () => {
    const measured = drillSuccessRate([
      robotSession({ kind: 'drill', byTask: { relay: tallies(4, 3) } }),
      robotSession({ kind: 'training', byTask: { relay: tallies(10, 0) } }),
    ]);
    expect(measured).toEqual({ value: 0.75, basis: '4 attempts in 1 drill' });
  });

  it('has no value without drills or without attempts in them', () => {
    expect(drillSuccessRate([robotSession()]).basis).toBe('no completed drills');
    expect(drillSuccessRate([robotSession({ kind: 'drill' })])).toEqual({
      value: null,
      basis: 'no task attempts in drills',
    });
  });
});
