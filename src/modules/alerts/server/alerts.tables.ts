/** Row types of alert sources and the alerts they delivered. */
import type { ColumnType, Generated } from 'kysely';
import type { AlertSourceKind, AlertState } from '../alert-rules.ts';

/** jsonb: read as the parsed value, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;

export interface AlertSourceTable {
  id: Generated<number>;
  name: string;
  kind: AlertSourceKind;
  organisation_id: number | null;
  priorities: Json<Record<string, number>>;
  default_priority: number;
  auto_resolve: Generated<boolean>;
  device_fields: Json<string[]>;
  site_fields: Json<string[]>;
  active: Generated<boolean>;
  token_hash: string;
  token_prefix: string;
  token_rotated_at: Date | null;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AlertTable {
  id: Generated<number>;
  source_id: number;
  fingerprint: string;
  occurrence: string;
  status: 'firing' | 'resolved';
  name: string;
  severity: string | null;
  labels: Json<Record<string, string>>;
  annotations: Json<Record<string, string>>;
  starts_at: Date | null;
  ends_at: Date | null;
  link: string | null;
  received_at: Generated<Date>;
  state: AlertState;
  device: string | null;
  case_id: number | null;
  organisation_id: number | null;
  /** Why a dismissed alert needs no case (null for dismissals before reasons were asked). */
  dismiss_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** The person who assigned or dismissed it, and when. */
  handled_by: ColumnType<number | null, number | null | undefined, number | null>;
  handled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface AlertTables {
  alert_source: AlertSourceTable;
  alert: AlertTable;
}
