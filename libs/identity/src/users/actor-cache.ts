import type { Actor } from '@app/platform';

interface Entry<T> {
  actor: T | null;
  expiresAt: number;
}

/**
 * The signed-in people the guard has looked up lately, so that a burst of requests by one person
 * costs one query rather than one each. A change to a user forgets it at once (in this process
 * directly, in the others through the event bus); the short lifetime bounds how long a lost
 * notification could leave a stale role in place. A lookup that was already under way when its
 * user was forgotten is not kept, since it may have read the row as it was before the change.
 */
export class ActorCache<T = Actor> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly generations = new Map<string, number>();
  private cleared = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(id: string, load: (id: string) => Promise<T | null>): Promise<T | null> {
    const entry = this.entries.get(id);
    if (entry && entry.expiresAt > this.now()) return entry.actor;
    const generation = this.generations.get(id) ?? 0;
    const cleared = this.cleared;
    const actor = await load(id);
    if (generation === (this.generations.get(id) ?? 0) && cleared === this.cleared) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(id, { actor, expiresAt: this.now() + this.ttlMs });
    }
    return actor;
  }

  /** The current entry without a lookup: undefined when there is none (or it is past its lifetime). */
  peek(id: string): T | null | undefined {
    const entry = this.entries.get(id);
    return entry && entry.expiresAt > this.now() ? entry.actor : undefined;
  }

  forget(id: string): void {
    this.entries.delete(id);
    this.generations.set(id, (this.generations.get(id) ?? 0) + 1);
  }

  clear(): void {
    this.entries.clear();
    this.cleared++;
  }
}
