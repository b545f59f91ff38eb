/** Role names for people, in the UI language, from the identity module's ROLE_LABELS table. */
import type { Locale } from '../identity.api.ts';
import { ROLE_LABELS, type StaffRole } from '../identity-roles.ts';

export function roleLabel(role: StaffRole, locale: Locale): string {
  return ROLE_LABELS[role][locale];
}
