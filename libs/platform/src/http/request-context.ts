import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '../access/actor';

export interface RequestContextData {
  requestId: string | null;
  ip: string | null;
  actor: Actor | null;
}

const storage = new AsyncLocalStorage<RequestContextData>();

/**
 * Who is acting and under which request id, for the audit trail and the logs, without threading
 * the request object through every service.
 */
export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },
  current(): RequestContextData | undefined {
    return storage.getStore();
  },
  setActor(actor: Actor): void {
    const store = storage.getStore();
    if (store) store.actor = actor;
  },
};
