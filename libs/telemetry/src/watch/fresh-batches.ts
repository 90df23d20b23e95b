/**
 * Which batches this process has already shown to watchers, so a resend, which carries the seq of
 * a batch already fanned out, is not shown twice. Watchers see a batch as soon as it is checked,
 * before the database could tell whether it is a duplicate, hence this memory of recent batches
 * (by a key made of the seq): bounded per robot (resends are the few batches that were not yet
 * acknowledged) and in robots (the least recently heard robot is forgotten first).
 */
export class FreshBatches {
  private readonly robots = new Map<string, RecentKeys>();

  constructor(
    private readonly seqsPerRobot = 1024,
    private readonly maxRobots = 10_000,
  ) {}

  /** True the first time this robot's key is offered (within the remembered window), false after. */
  admit(robotId: string, key: string): boolean {
    let recent = this.robots.get(robotId);
    if (recent) {
      // Re-inserting keeps the Map in order of last use, so eviction takes the quietest robot.
      this.robots.delete(robotId);
    } else {
      recent = new RecentKeys(this.seqsPerRobot);
      if (this.robots.size >= this.maxRobots) this.robots.delete(this.robots.keys().next().value as string);
    }
    this.robots.set(robotId, recent);
    return recent.admit(key);
  }
}

/** The last `capacity` distinct keys of one robot, oldest forgotten first. */
class RecentKeys {
  private readonly seen = new Set<string>();
  private readonly order: string[];
  private next = 0;

  constructor(private readonly capacity: number) {
    this.order = new Array<string>(capacity);
  }

  admit(key: string): boolean {
    if (this.seen.has(key)) return false;
    if (this.seen.size >= this.capacity) this.seen.delete(this.order[this.next]);
    this.order[this.next] = key;
    this.next = (this.next + 1) % this.capacity;
    this.seen.add(key);
    return true;
  }
}
