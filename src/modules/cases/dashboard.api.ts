/** HTTP contract of the console's home dashboard: the open workload and this month's SLA record. */
import { z } from 'zod';
import { caseStateSchema, prioritySchema } from './cases.api.ts';

export const dashboardQuery = z.object({
  /** "Breaching soon": an SLA target falls due within this many hours (or is already missed). */
  withinHours: z.coerce.number().int().min(1).max(72).default(4),
});

const caseLine = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  priority: prioritySchema,
  state: caseStateSchema,
  organisation: z.string(),
  assignee: z.string().nullable(),
  /** The earliest unmet SLA target (response, diagnosis or resolution); null when none runs. */
  slaNextDueAt: z.string().nullable(),
});

const compliance = z.object({
  priority: prioritySchema,
  /** Cases resolved this month with a resolution target. */
  resolved: z.number(),
  resolvedInTime: z.number(),
  /** Cases first answered this month with a response target. */
  responded: z.number(),
  respondedInTime: z.number(),
});

export const dashboardSchema = z.object({
  /** The instant the figures were taken, and the month (Beijing) the compliance covers. */
  at: z.string(),
  month: z.string(),
  totals: z.object({
    open: z.number(),
    unassigned: z.number(),
    /** Open cases whose earliest SLA target has passed. */
    overdue: z.number(),
    mine: z.number(),
  }),
  /** Open cases per priority and state (only non-zero cells). */
  openByPriorityState: z.array(
    z.object({ priority: prioritySchema, state: caseStateSchema, count: z.number() }),
  ),
  breachingSoon: z.array(caseLine),
  myCases: z.array(caseLine),
  compliance: z.array(compliance),
});

export type Dashboard = z.infer<typeof dashboardSchema>;
export type DashboardCase = z.infer<typeof caseLine>;
