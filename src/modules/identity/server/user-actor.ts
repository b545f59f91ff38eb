/** The actor a signed-in user acts as. */
import type { Authentication } from '../../../platform/http/request-context.ts';

export interface ActorSource {
  id: number;
  kind: 'staff' | 'contact';
  username: string;
  display_name: string;
  roles: readonly string[];
  branch_id: number | null;
  contact_id: number | null;
  organisation_id: number | null;
}

export function actorForUser(user: ActorSource): Authentication['actor'] {
  const label = `${user.display_name} (${user.username})`;
  if (user.kind === 'contact') {
    return {
      kind: 'contact',
      userId: user.id,
      // A contact account always has an organisation (schema check); -1 matches nothing.
      organisationId: user.organisation_id ?? -1,
      contactId: user.contact_id,
      label,
      tokenId: null,
    };
  }
  return {
    kind: 'staff',
    userId: user.id,
    roles: new Set(user.roles),
    branchId: user.branch_id,
    label,
    tokenId: null,
  };
}
