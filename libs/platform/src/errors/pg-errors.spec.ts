import { translateDatabaseError } from './pg-errors';

describe('translateDatabaseError', () => {
  it.each(['22021', '22P02', '22003', '22007', '22008', '22P05', '22001', '2201E'])(
    'answers 400 for the data exception %s',
    (code) => {
      expect(translateDatabaseError({ code, message: 'bad value' })?.code).toBe('validation');
    },
  );

  it('answers 400 for a value too large to index', () => {
    expect(translateDatabaseError({ code: '54000' })?.code).toBe('validation');
  });

  it('leaves unknown failures to the 500 path', () => {
    expect(translateDatabaseError({ code: 'XX000' })).toBeNull();
    expect(translateDatabaseError(new Error('boom'))).toBeNull();
  });
});
