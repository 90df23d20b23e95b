import type { Role } from '@app/contract';

/** The authenticated person behind a request. */
export interface Actor {
  id: string;
  role: Role;
  vendorId: string | null;
  email: string;
  name: string;
}

/** The vendor whose robots this actor is limited to, or null when the actor sees every robot. */
export function vendorScopeOf(actor: Actor): string | null {
  return actor.role === 'vendor' ? actor.vendorId : null;
}
