/**
 * How the escalation matrix reads: the column names (P1–P4, commercial status) and one cell
 * action as a sentence, in the words of seed 001 (Manager1..3, senior engineer).
 */
import type { Locale, MessageKey, Translate } from '../../../web/i18n/translate.ts';
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from '../../identity/identity-roles.ts';
import type { Track } from '../../sla/escalation-matrix.ts';
import type { EscalationAction } from './service-level.queries.ts';

export const TRACK_LABELS: Record<Track, MessageKey> = {
  P1: 'contracts.sl.track.P1',
  P2: 'contracts.sl.track.P2',
  P3: 'contracts.sl.track.P3',
  P4: 'contracts.sl.track.P4',
  commercial: 'contracts.sl.track.commercial',
};

/** Seed 001 names people by their level: Manager1..3, "senior engineer" is the second line. */
const SHORT_ROLE: Partial<Record<StaffRole, MessageKey>> = {
  manager1: 'contracts.sl.role.manager1',
  manager2: 'contracts.sl.role.manager2',
  manager3: 'contracts.sl.role.manager3',
  second_line_engineer: 'contracts.sl.role.senior',
};

function roleName(role: string, t: Translate, locale: Locale): string {
  const short = SHORT_ROLE[role as StaffRole];
  if (short) return t(short);
  return (STAFF_ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as StaffRole][locale] : role;
}

/** One action as the cell shows it. */
export function actionText(action: EscalationAction, t: Translate, locale: Locale): string {
  switch (action.kind) {
    case 'notify': {
      const roles = action.roles.map((r) => roleName(r, t, locale)).join(' / ');
      const users = action.userIds?.length
        ? t('contracts.sl.action.users', { count: action.userIds.length })
        : '';
      return t('contracts.sl.action.notify', { who: [roles, users].filter(Boolean).join(' + ') });
    }
    case 'require_vendor_case':
      return t('contracts.sl.action.vendor');
    case 'raise_priority':
      return t('contracts.sl.action.raise', { priority: action.to });
    case 'reassign_group':
      return t('contracts.sl.action.group', { id: action.groupId });
  }
}
