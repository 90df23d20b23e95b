import type { Specs } from '@app/contract';
import { Measured, noData } from './measured';

/** A declared spec as a number: a boolean counts as 1 or 0; text and absent specs have no value. */
export function specValue(specs: Specs, name: string): Measured {
  if (!Object.hasOwn(specs, name)) return noData(`the robot declares no spec ${name}`);
  const declared = specs[name];
  if (typeof declared === 'boolean') return { value: declared ? 1 : 0, basis: `declared ${name}: ${declared}` };
  if (typeof declared === 'number') return { value: declared, basis: `declared ${name}: ${declared}` };
  return noData(`the declared spec ${name} is text ("${declared}"), not a number`);
}
