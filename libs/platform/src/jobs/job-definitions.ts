/**
 * Jobs are named by fixed strings, never by class names (a rename would orphan queued jobs), and
 * carry a typed payload of ids only. Each definition is made once, at import, by the feature that
 * owns the job; the worker refuses to start when a defined job has no handler or two.
 */
export interface JobDefinition<Payload> {
  readonly name: string;
  readonly queue: string;
  readonly attempts: number;
  readonly backoffMs: number;
  /** Type-level only: the payload this job takes. */
  readonly payload?: Payload;
}

export interface JobSchedule {
  readonly job: JobDefinition<unknown>;
  readonly everyMs: number;
  readonly payload: unknown;
}

const definitions = new Map<string, JobDefinition<unknown>>();
const schedules = new Map<string, JobSchedule>();

export function defineJob<Payload>(
  name: string,
  queue: string,
  options: { attempts?: number; backoffMs?: number } = {},
): JobDefinition<Payload> {
  if (definitions.has(name)) throw new Error(`the job "${name}" is defined twice`);
  if (!/^[a-z][a-z0-9-]*$/.test(queue)) throw new Error(`queue name "${queue}" must be lowercase kebab-case`);
  const definition: JobDefinition<Payload> = {
    name,
    queue,
    attempts: options.attempts ?? 5,
    backoffMs: options.backoffMs ?? 1_000,
  };
  definitions.set(name, definition);
  return definition;
}

/** Runs the job every `everyMs` on some worker of the install (a BullMQ job scheduler). */
export function scheduleJob<Payload>(job: JobDefinition<Payload>, everyMs: number, payload: Payload): void {
  schedules.set(job.name, { job, everyMs, payload });
}

export function definedJobs(): JobDefinition<unknown>[] {
  return [...definitions.values()];
}

export function jobSchedules(): JobSchedule[] {
  return [...schedules.values()];
}

export function queueNames(): string[] {
  return [...new Set(definedJobs().map((job) => job.queue))].sort();
}
