/** Row types of cases, their timeline, watchers, links, vendor cases and attachments. */
import type { ColumnType, Generated } from 'kysely';
import type { CaseState, Channel } from '../case-status.ts';

type JsonColumn = ColumnType<unknown, string | null, string | null>;

export interface CaseCounterTable {
  year: number;
  last_number: number;
}

export interface SupportGroupTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string | null;
  branch_id: number | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SupportGroupMemberTable {
  group_id: number;
  user_id: number;
}

export interface SupportCaseTable {
  id: Generated<number>;
  number: string;
  organisation_id: number;
  site_id: number | null;
  contact_id: number | null;
  channel: Channel;
  category: string | null;
  asset_serial: string | null;
  title: string;
  description: string;
  priority: number;
  impact: 'single_user' | 'department' | 'site' | 'organisation' | null;
  state: Generated<CaseState>;
  service_contract_id: number | null;
  service_level_id: number | null;
  commercial_hold: Generated<boolean>;
  owner_id: number | null;
  owner_accepted: Generated<boolean>;
  assignee_id: number | null;
  group_id: number | null;
  merged_into_id: number | null;
  opened_by_user_id: number | null;
  opened_at: Generated<Date>;
  first_response_at: Date | null;
  diagnosed_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  reopen_count: Generated<number>;
  updated_at: Generated<Date>;
  // SLA clock state, maintained by the sla module.
  sla_calendar_id: number | null;
  pause_offset_minutes: Generated<number>;
  paused_since: Date | null;
  response_due_at: Date | null;
  diagnosis_due_at: Date | null;
  resolution_due_at: Date | null;
  next_escalation_at: Date | null;
  // Search vectors (case-search-text.ts) and the earliest unmet SLA due time.
  search_public: Generated<string>;
  search_internal: Generated<string>;
  sla_next_due_at: Date | null;
}

export type CaseEntryKind =
  | 'reply'
  | 'note'
  | 'call'
  | 'state_change'
  | 'assignment'
  | 'escalation'
  | 'vendor_update'
  | 'link'
  | 'merge'
  | 'attachment'
  | 'opened'
  | 'rma';

export interface CaseEntryTable {
  id: Generated<number>;
  case_id: number;
  kind: CaseEntryKind;
  visibility: 'public' | 'internal';
  author_kind: 'staff' | 'contact' | 'system';
  author_id: number | null;
  author_label: string;
  body: string | null;
  data: JsonColumn;
  created_at: Generated<Date>;
}

export interface CaseWatcherTable {
  case_id: number;
  user_id: number;
  created_at: Generated<Date>;
}

export interface CaseLinkTable {
  case_id: number;
  other_case_id: number;
  kind: 'related' | 'duplicate' | 'caused_by';
  created_at: Generated<Date>;
}

export interface VendorCaseTable {
  id: Generated<number>;
  case_id: number;
  vendor: string;
  vendor_case_number: string | null;
  opened_at: Generated<Date>;
  status: Generated<'requested' | 'open' | 'closed'>;
  notes: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CaseAttachmentTable {
  id: Generated<number>;
  case_id: number;
  entry_id: number | null;
  sha256: string;
  size: number;
  media_type: string;
  file_name: string;
  visibility: 'public' | 'internal';
  uploaded_by: number | null;
  created_at: Generated<Date>;
}

export interface CaseTables {
  case_counter: CaseCounterTable;
  support_group: SupportGroupTable;
  support_group_member: SupportGroupMemberTable;
  support_case: SupportCaseTable;
  case_entry: CaseEntryTable;
  case_watcher: CaseWatcherTable;
  case_link: CaseLinkTable;
  vendor_case: VendorCaseTable;
  case_attachment: CaseAttachmentTable;
}
