/** Row types of the minimal service model: service levels, targets, contracts and their coverage. */
import type { ColumnType, Generated } from 'kysely';

/** A `date` column: read as 'YYYY-MM-DD' text (see the date parser in platform/db). */
export type DateColumn = ColumnType<string, string, string>;

export interface ServiceLevelTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ServiceLevelTargetTable {
  service_level_id: number;
  priority: number;
  calendar_id: number;
  response_minutes: number;
  diagnosis_minutes: number;
  resolution_minutes: number;
  pause_on_vendor: Generated<boolean>;
}

export interface ServiceContractTable {
  id: Generated<number>;
  number: string;
  organisation_id: number;
  service_level_id: number;
  starts_on: DateColumn;
  ends_on: DateColumn;
  state: Generated<'draft' | 'active' | 'expired' | 'renewed'>;
  covers_all_sites: Generated<boolean>;
  notes: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ContractSiteTable {
  contract_id: number;
  site_id: number;
}

export interface ContractSerialTable {
  contract_id: number;
  serial: string;
}

export interface ContractTables {
  service_level: ServiceLevelTable;
  service_level_target: ServiceLevelTargetTable;
  service_contract: ServiceContractTable;
  contract_site: ContractSiteTable;
  contract_serial: ContractSerialTable;
}
