import type { Bay, Cohort, Page, Robot, Site, Task, Vendor } from '@app/contract';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useApi } from '../auth/session';
import type { Cursor } from './endpoints';
import { queryKeys } from './query-keys';

export { queryKeys };

/** Beyond this many pages of 500 a select box is the wrong tool anyway. */
const MAX_PAGES = 20;
export const PAGE_SIZE = 500;

/** Follows a list's cursors to its end (at most MAX_PAGES pages). */
export async function everyPage<T>(fetchPage: (cursor: Cursor) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: Cursor;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetchPage(cursor);
    items.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return items;
}

/** Reference data (vendors, cohorts, sites) for select boxes and for names beside ids. */
function useReference<T extends { id: string }>(
  key: readonly string[],
  fetchPage: (cursor: Cursor) => Promise<Page<T>>,
) {
  const query = useQuery({ queryKey: [...key, 'all'], queryFn: () => everyPage(fetchPage), staleTime: 60_000 });
  const byId = useMemo(() => new Map((query.data ?? []).map((item) => [item.id, item])), [query.data]);
  return { ...query, items: query.data ?? [], byId };
}

export function useVendors() {
  const api = useApi();
  return useReference<Vendor>(queryKeys.vendors, api.vendors.list);
}

export function useCohorts() {
  const api = useApi();
  return useReference<Cohort>(queryKeys.cohorts, api.cohorts.list);
}

export function useSites() {
  const api = useApi();
  return useReference<Site>(queryKeys.sites, (cursor) => api.sites.list({}, cursor));
}

/** Every robot the person may see (a vendor: its own), for names beside ids and for booking. */
export function useRobotDirectory() {
  const api = useApi();
  return useReference<Robot>(queryKeys.robots, (cursor) => api.robots.list({}, cursor, PAGE_SIZE));
}

/** Every bay, for the schedule board's rows and the live view's picker. */
export function useBayDirectory() {
  const api = useApi();
  return useReference<Bay>(queryKeys.bays, (cursor) => api.bays.list({}, cursor, PAGE_SIZE));
}

/** The task catalogue (not paged), for picking an exam's task and naming tasks beside their keys. */
export function useTaskCatalogue() {
  const api = useApi();
  const query = useQuery({
    queryKey: [...queryKeys.tasks, 'all'],
    queryFn: async () => (await api.tasks.list({})).items,
    staleTime: 60_000,
  });
  const byKey = useMemo(() => new Map<string, Task>((query.data ?? []).map((task) => [task.key, task])), [query.data]);
  return { ...query, items: query.data ?? [], byKey };
}
