import type { Role, UpdateBayBody } from '@app/contract';

/** A bay's name and capacity shape every booking made in it: only an admin changes them. */
const ADMIN_ONLY: readonly (keyof UpdateBayBody)[] = ['name', 'capacity'];

/** The fields of a bay change that this role may not make (empty when it may make all of them). */
export function bayFieldsDeniedTo(role: Role, change: UpdateBayBody): string[] {
  if (role === 'admin') return [];
  return ADMIN_ONLY.filter((field) => change[field] !== undefined);
}
