/** Row types of SLA pauses, service-level escalation steps and fired escalations. */
import type { ColumnType, Generated } from 'kysely';
import type { EscalationAction, Track } from '../escalation-matrix.ts';

type Json<T> = ColumnType<T, string, string>;

export interface CasePauseTable {
  id: Generated<number>;
  case_id: number;
  state: string;
  started_at: Date;
  ended_at: Date | null;
  business_minutes: number | null;
}

export interface EscalationStepTable {
  id: Generated<number>;
  service_level_id: number;
  track: Track;
  elapsed_minutes: number;
  actions: Json<EscalationAction[]>;
}

export interface CaseEscalationTable {
  id: Generated<number>;
  case_id: number;
  step_key: string;
  track: string;
  elapsed_minutes: number;
  due_at: Date;
  fired_at: Date;
  late: Generated<boolean>;
  actions: Json<EscalationAction[]>;
  recipients: Json<number[]>;
  acknowledged_at: Date | null;
  acknowledged_by: number | null;
}

export interface SlaTables {
  case_pause: CasePauseTable;
  escalation_step: EscalationStepTable;
  case_escalation: CaseEscalationTable;
}
