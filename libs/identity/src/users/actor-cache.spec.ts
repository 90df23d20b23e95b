import type { Actor } from '@app/platform';
import { ActorCache } from './actor-cache';

const operator: Actor = { id: 'u1', role: 'operator', vendorId: null, email: 'op@field.test', name: 'Op' };
const admin: Actor = { ...operator, role: 'admin' };

describe('ActorCache', () => {
  let clock = 0;
  const cache = () => new ActorCache(1000, 10_000, () => clock);
  beforeEach(() => (clock = 0));

  it('looks a person up once within the lifetime, and again after it', async () => {
    const actors = cache();
    const load = jest.fn(async () => operator);
    await actors.get('u1', load);
    clock = 999;
    expect(await actors.get('u1', load)).toBe(operator);
    expect(load).toHaveBeenCalledTimes(1);
    clock = 1000;
    await actors.get('u1', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('peeks at a current entry without looking anyone up, and at nothing past the lifetime', async () => {
    const actors = cache();
    expect(actors.peek('u1')).toBeUndefined();
    await actors.get('u1', async () => operator);
    await actors.get('gone', async () => null);
    expect(actors.peek('u1')).toBe(operator);
    expect(actors.peek('gone')).toBeNull();
    clock = 1000;
    expect(actors.peek('u1')).toBeUndefined();
  });

  it('remembers that nobody active is behind an id (a deactivated user) for the lifetime too', async () => {
    const actors = cache();
    const load = jest.fn(async () => null);
    expect(await actors.get('gone', load)).toBeNull();
    expect(await actors.get('gone', load)).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('reads a forgotten person afresh on the next request', async () => {
    const actors = cache();
    const load = jest.fn().mockResolvedValueOnce(operator).mockResolvedValueOnce(admin);
    await actors.get('u1', load);
    actors.forget('u1');
    expect(await actors.get('u1', load)).toBe(admin);
  });

  it('does not keep a lookup that was under way when its person was forgotten or the cache cleared', async () => {
    for (const drop of [(actors: ActorCache) => actors.forget('u1'), (actors: ActorCache) => actors.clear()]) {
      const actors = cache();
      let finish!: (actor: Actor) => void;
      const slow = actors.get('u1', () => new Promise<Actor>((resolve) => (finish = resolve)));
      drop(actors);
      finish(operator);
      expect(await slow).toBe(operator);
      const load = jest.fn(async () => admin);
      expect(await actors.get('u1', load)).toBe(admin);
      expect(load).toHaveBeenCalledTimes(1);
    }
  });

  it('stays bounded', async () => {
    const actors = new ActorCache(1000, 2, () => clock);
    const load = jest.fn(async (id: string) => ({ ...operator, id }));
    await actors.get('a', load);
    await actors.get('b', load);
    await actors.get('c', load);
    await actors.get('a', load);
    expect(load).toHaveBeenCalledTimes(4);
  });
});
