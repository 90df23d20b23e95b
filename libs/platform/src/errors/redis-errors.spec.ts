import { translateRedisError } from './redis-errors';

describe('translateRedisError', () => {
  it.each([
    'Reached the max retries per request limit (which is 2). Refer to "maxRetriesPerRequest" option for details.',
    'Command timed out',
    "Stream isn't writeable and enableOfflineQueue options is false",
    'Connection is closed.',
  ])('answers 503 with Retry-After to %j', (message) => {
    expect(translateRedisError(new Error(message))).toMatchObject({
      code: 'unavailable',
      headers: { 'Retry-After': '5' },
    });
  });

  it('leaves other failures alone', () => {
    expect(translateRedisError(new Error('cannot read properties of undefined'))).toBeNull();
    expect(translateRedisError('Command timed out')).toBeNull();
  });
});
