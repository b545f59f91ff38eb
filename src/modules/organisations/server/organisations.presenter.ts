/** Shapes organisation, site and contact rows for the HTTP contracts. */
import type { Selectable } from 'kysely';
import type { Actor } from '../../../platform/authz/actor.ts';
import type { ContactTable, OrganisationTable, SiteTable } from './organisations.tables.ts';
import { organisationAbilities } from './organisations.policy.ts';

export function presentOrganisation(row: Selectable<OrganisationTable>, actor: Actor) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    industry: row.industry,
    address: row.address,
    phone: row.phone,
    notes: actor.kind === 'staff' ? row.notes : null, // internal remarks stay internal
    branchId: row.branch_id,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    abilities: organisationAbilities(actor),
  };
}

export function presentSite(row: Selectable<SiteTable>) {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    address: row.address,
    city: row.city,
    notes: row.notes,
    active: row.active,
  };
}

export function presentContact(row: Selectable<ContactTable>) {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    siteId: row.site_id,
    name: row.name,
    title: row.title,
    phone: row.phone,
    mobile: row.mobile,
    email: row.email,
    preferredChannel: row.preferred_channel,
    isPrimary: row.is_primary,
    active: row.active,
  };
}
