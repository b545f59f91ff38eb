/**
 * Who is making a request. Staff act with their roles; customer contacts (and tokens scoped
 * to an organisation) are confined to their organisation; `system` is the server itself.
 */

export type Actor =
  | {
      kind: 'staff';
      userId: number | null;
      roles: ReadonlySet<string>;
      branchId: number | null;
      label: string;
      tokenId: number | null;
    }
  | {
      kind: 'contact';
      userId: number | null;
      organisationId: number;
      contactId: number | null;
      label: string;
      tokenId: number | null;
    }
  | { kind: 'system'; label: string };

/** The request's context as commands see it: who, and where from (for the audit trail). */
export interface RequestContext {
  actor: Actor;
  requestId: string | null;
  ip: string | null;
}

export const SYSTEM_CONTEXT: RequestContext = {
  actor: { kind: 'system', label: 'system' },
  requestId: null,
  ip: null,
};

export function hasRole(actor: Actor, ...roles: string[]): boolean {
  return actor.kind === 'staff' && roles.some((r) => actor.roles.has(r));
}
