// Factories for test data, written through the services so audit and validation apply as in production.
import { systemActor, type Actor } from '../src/server/kernel/audit.js';
import type { Db } from '../src/server/kernel/db.js';
import { createOrganisation } from '../src/server/modules/directory/organisations.service.js';
import { createUser } from '../src/server/modules/directory/users.service.js';
import type { OrganisationInput, Role } from '../src/shared/contracts/directory.js';

let seq = 0;
export const TEST_PASSWORD = 'correct-horse-battery';
export const seedActor: Actor = systemActor('seed', 'test');

export async function makeOrg(db: Db, input: Partial<OrganisationInput> = {}) {
  seq++;
  return createOrganisation(db, seedActor, {
    code: `T${seq}-${Date.now() % 100000}`,
    nameVi: `Tổ chức thử ${seq}`,
    kind: 'other',
    ...input,
  });
}

export async function makeUser(db: Db, role: Role, organisationId: number | null = null) {
  seq++;
  const username = `${role}${seq}`;
  const u = await createUser(db, seedActor, { username, displayName: `Người dùng ${seq}`, password: TEST_PASSWORD, role, organisationId });
  return { ...u, password: TEST_PASSWORD };
}
