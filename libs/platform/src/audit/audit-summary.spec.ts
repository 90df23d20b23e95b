import { summarize } from './audit-summary';

describe('summarize', () => {
  it('keeps only changed fields of an update', () => {
    expect(summarize({ name: 'a', capacity: 2, status: 'open' }, { name: 'a', capacity: 4, status: 'open' })).toEqual({
      before: { capacity: 2 },
      after: { capacity: 4 },
    });
  });

  it('records a creation as its after state', () => {
    expect(summarize(null, { code: 'MY-1F' })).toEqual({ after: { code: 'MY-1F' } });
  });

  it('never records secrets', () => {
    const summary = summarize({ passwordHash: 'old' }, { passwordHash: 'new', token: 'frt_abc' });
    expect(JSON.stringify(summary)).not.toMatch(/old|new|frt_abc/);
    expect(summary).toEqual({
      before: { passwordHash: '[redacted]', token: null },
      after: { passwordHash: '[redacted]', token: '[redacted]' },
    });
  });

  it('compares nested values by content', () => {
    expect(summarize({ specs: { kg: 5 } }, { specs: { kg: 5 } })).toEqual({ before: {}, after: {} });
  });
});
