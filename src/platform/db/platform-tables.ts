/** Row types of the platform's own tables (events/audit, jobs, settings). */
import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

export interface DomainEventTable {
  id: GeneratedAlways<number>;
  occurred_at: Generated<Date>;
  type: string;
  subject_type: string;
  subject_id: string;
  organisation_id: number | null;
  actor_kind: 'user' | 'token' | 'system';
  actor_id: number | null;
  actor_label: string;
  request_id: string | null;
  ip: string | null;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
  data: ColumnType<unknown, string | null, never>;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: ColumnType<unknown, string | undefined, string>;
  idempotency_key: string | null;
  status: Generated<'pending' | 'running' | 'done' | 'dead'>;
  run_at: Generated<Date>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: Date | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: Generated<Date>;
  finished_at: Date | null;
}

export interface AppSettingTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Generated<Date>;
}

export interface PlatformTables {
  domain_event: DomainEventTable;
  job: JobTable;
  app_setting: AppSettingTable;
}
