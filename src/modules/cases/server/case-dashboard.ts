/**
 * The console's home dashboard, in a handful of aggregate queries over the open-queue index: open
 * cases by priority and state, the ones about to breach (or breached) an SLA target, the caller's
 * own, and this month's response and resolution compliance per priority. Staff see every case.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { CASE_STATES, STATE_INFO, type CaseState } from '../case-status.ts';
import type { Dashboard, DashboardCase } from '../dashboard.api.ts';

const OPEN_STATES = CASE_STATES.filter((s) => STATE_INFO[s].open);
const LIST_LIMIT = 10;

/** The first instant of `now`'s month in Beijing, and the month as "YYYY-MM". */
function beijingMonth(now: Date): { start: Date; month: string } {
  const month = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  })
    .format(now)
    .slice(0, 7);
  return { start: new Date(`${month}-01T00:00:00+08:00`), month };
}

function openCases(db: Kysely<Database>) {
  return db
    .selectFrom('support_case')
    .where('support_case.state', 'in', OPEN_STATES)
    .where('support_case.merged_into_id', 'is', null);
}

async function caseLines(
  db: Kysely<Database>,
  filter: (q: ReturnType<typeof openCases>) => ReturnType<typeof openCases>,
): Promise<DashboardCase[]> {
  const rows = await filter(openCases(db))
    .innerJoin('organisation', 'organisation.id', 'support_case.organisation_id')
    .leftJoin('app_user', 'app_user.id', 'support_case.assignee_id')
    .select([
      'support_case.id',
      'support_case.number',
      'support_case.title',
      'support_case.priority',
      'support_case.state',
      'support_case.sla_next_due_at',
      'organisation.name as organisation',
      'app_user.display_name as assignee',
    ])
    .orderBy(sql`support_case.sla_next_due_at asc nulls last`)
    .orderBy('support_case.id', 'desc')
    .limit(LIST_LIMIT)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    priority: r.priority as DashboardCase['priority'],
    state: r.state as CaseState,
    organisation: r.organisation,
    assignee: r.assignee,
    slaNextDueAt: r.sla_next_due_at?.toISOString() ?? null,
  }));
}

export async function caseDashboard(
  db: Kysely<Database>,
  opts: { userId: number | null; now: Date; withinHours: number },
): Promise<Dashboard> {
  const { now, userId } = opts;
  const soon = new Date(now.getTime() + opts.withinHours * 3_600_000);
  const { start, month } = beijingMonth(now);
  const me = userId ?? -1;
  const mineFilter = (q: ReturnType<typeof openCases>) =>
    q.where((eb) =>
      eb.or([
        eb('support_case.assignee_id', '=', me),
        eb.and([eb('support_case.assignee_id', 'is', null), eb('support_case.owner_id', '=', me)]),
      ]),
    );

  const [cells, totals, breachingSoon, myCases, compliance] = await Promise.all([
    openCases(db)
      .select(['priority', 'state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['priority', 'state'])
      .orderBy('priority')
      .orderBy('state')
      .execute(),
    openCases(db)
      .select((eb) => [
        eb.fn.countAll<number>().as('open'),
        sql<number>`count(*) filter (where assignee_id is null)`.as('unassigned'),
        sql<number>`count(*) filter (where sla_next_due_at < ${now} and paused_since is null)`.as('overdue'),
        sql<number>`count(*) filter (where assignee_id = ${me} or (assignee_id is null and owner_id = ${me}))`.as(
          'mine',
        ),
      ])
      .executeTakeFirstOrThrow(),
    caseLines(db, (q) =>
      q.where('support_case.sla_next_due_at', '<=', soon).where('support_case.paused_since', 'is', null),
    ),
    caseLines(db, mineFilter),
    db
      .selectFrom('support_case')
      .select((eb) => [
        'priority',
        sql<number>`count(*) filter (where resolved_at >= ${start} and resolution_due_at is not null)`.as(
          'resolved',
        ),
        sql<number>`count(*) filter (where resolved_at >= ${start} and resolved_at <= resolution_due_at)`.as(
          'resolved_in_time',
        ),
        sql<number>`count(*) filter (where first_response_at >= ${start} and response_due_at is not null)`.as(
          'responded',
        ),
        sql<number>`count(*) filter (where first_response_at >= ${start} and first_response_at <= response_due_at)`.as(
          'responded_in_time',
        ),
        eb.fn.countAll<number>().as('n'),
      ])
      .where((eb) => eb.or([eb('resolved_at', '>=', start), eb('first_response_at', '>=', start)]))
      .where('merged_into_id', 'is', null)
      .groupBy('priority')
      .orderBy('priority')
      .execute(),
  ]);

  const byPriority = new Map(compliance.map((c) => [c.priority, c]));
  return {
    at: now.toISOString(),
    month,
    totals: {
      open: Number(totals.open),
      unassigned: Number(totals.unassigned),
      overdue: Number(totals.overdue),
      mine: Number(totals.mine),
    },
    openByPriorityState: cells.map((c) => ({
      priority: c.priority as DashboardCase['priority'],
      state: c.state as CaseState,
      count: Number(c.n),
    })),
    breachingSoon,
    myCases,
    compliance: ([1, 2, 3, 4] as const).map((priority) => {
      const c = byPriority.get(priority);
      return {
        priority,
        resolved: Number(c?.resolved ?? 0),
        resolvedInTime: Number(c?.resolved_in_time ?? 0),
        responded: Number(c?.responded ?? 0),
        respondedInTime: Number(c?.responded_in_time ?? 0),
      };
    }),
  };
}
