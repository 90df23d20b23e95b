import { bayFieldsDeniedTo } from './bay-changes';

describe('bayFieldsDeniedTo', () => {
  it('lets an admin change everything', () => {
    expect(bayFieldsDeniedTo('admin', { name: 'n', capacity: 3, status: 'open' })).toEqual([]);
  });

  it('lets an operator change only the status', () => {
    expect(bayFieldsDeniedTo('operator', { status: 'maintenance' })).toEqual([]);
    expect(bayFieldsDeniedTo('operator', { name: 'n', status: 'open' })).toEqual(['name']);
    expect(bayFieldsDeniedTo('operator', { capacity: 2 })).toEqual(['capacity']);
    expect(bayFieldsDeniedTo('operator', { name: 'n', capacity: 2 })).toEqual(['name', 'capacity']);
  });
});
