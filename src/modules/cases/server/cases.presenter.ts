/** Shapes cases and timeline entries; internal entries never reach a customer. */
import type { Selectable } from 'kysely';
import type { Actor } from '../../../platform/authz/actor.ts';
import type { CaseRow } from './case.repository.ts';
import type { CaseEntryTable } from './cases.tables.ts';
import { caseAbilities } from './cases.policy.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const person = (id: number | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

export function presentCaseListItem(row: CaseRow) {
  return {
    id: row.id,
    number: row.number,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    siteId: row.site_id,
    contact: person(row.contact_id, row.contact_name),
    channel: row.channel,
    category: row.category,
    assetSerial: row.asset_serial,
    title: row.title,
    priority: row.priority,
    impact: row.impact,
    state: row.state,
    serviceContractId: row.service_contract_id,
    serviceLevelId: row.service_level_id,
    commercialHold: row.commercial_hold,
    owner: person(row.owner_id, row.owner_name),
    ownerAccepted: row.owner_accepted,
    assignee: person(row.assignee_id, row.assignee_name),
    group: row.group_id ? { id: row.group_id, name: row.group_name ?? '' } : null,
    mergedIntoId: row.merged_into_id,
    openedAt: row.opened_at.toISOString(),
    firstResponseAt: iso(row.first_response_at),
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    slaNextDueAt: iso(row.sla_next_due_at),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentCase(row: CaseRow, actor: Actor, now: Date, reopenDays: number) {
  return {
    ...presentCaseListItem(row),
    description: row.description,
    abilities: caseAbilities(actor, row, now, reopenDays),
  };
}

export function presentEntry(row: Selectable<CaseEntryTable>) {
  return {
    id: row.id,
    kind: row.kind,
    visibility: row.visibility,
    author: { kind: row.author_kind, id: row.author_id, label: row.author_label },
    body: row.body,
    data: row.data,
    createdAt: row.created_at.toISOString(),
  };
}
