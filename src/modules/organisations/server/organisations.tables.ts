/** Row types of customer organisations, their sites and contacts. */
import type { Generated } from 'kysely';

export interface OrganisationTable {
  id: Generated<number>;
  code: string | null;
  name: string;
  industry: string | null;
  address: string | null;
  phone: string | null;
  notes: string | null;
  branch_id: number | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SiteTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  address: string | null;
  city: string | null;
  notes: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ContactTable {
  id: Generated<number>;
  organisation_id: number;
  site_id: number | null;
  name: string;
  title: string | null;
  phone: string | null;
  mobile: string | null;
  email: string | null;
  preferred_channel: Generated<'phone' | 'email' | 'sms' | 'wecom' | 'portal'>;
  is_primary: Generated<boolean>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface OrganisationTables {
  organisation: OrganisationTable;
  site: SiteTable;
  contact: ContactTable;
}
