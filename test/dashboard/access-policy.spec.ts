import { ROUTE_ROLES } from '../../apps/dashboard/src/access';
import { ACCESS_TABLE } from '../access-table';

describe("the dashboard's view of the access policy", () => {
  it.each(Object.entries(ROUTE_ROLES))('shows %s to exactly the roles the server allows', (route, roles) => {
    const allowed = ACCESS_TABLE[route];
    expect(Array.isArray(allowed) ? [...allowed].sort() : allowed).toEqual([...roles].sort());
  });
});
