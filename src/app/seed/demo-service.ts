/**
 * The service side of the demo: calendars, two service levels, contracts (one customer has
 * none, to show commercial hold), support groups and a few cases in different states.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import { SYSTEM_CONTEXT, type RequestContext } from '../../platform/authz/actor.ts';
import { ensureDefaultCalendars } from '../../modules/calendars/server/index.ts';
import { createContract, createServiceLevel } from '../../modules/contracts/server/index.ts';
import { createSupportGroup, openCase } from '../../modules/cases/server/index.ts';

const SERVICE_LEVELS = [
  {
    code: 'GOLD',
    name: '金牌服务（7×24）',
    nameEn: 'Gold (7×24)',
    minutes: [
      [30, 240, 480],
      [30, 480, 1440],
      [60, 960, 2880],
      [120, 1440, 4320],
    ],
    calendars: ['7x24', '7x24', '5x8', '5x8'],
  },
  {
    code: 'SILVER',
    name: '银牌服务（5×8）',
    nameEn: 'Silver (5×8)',
    minutes: [
      [60, 480, 960],
      [60, 960, 2400],
      [120, 1440, 4800],
      [240, 2400, 7200],
    ],
    calendars: ['5x8', '5x8', '5x8', '5x8'],
  },
] as const;

const CONTRACTS: Record<string, { level: 'GOLD' | 'SILVER'; serials: string[] }> = {
  HNZQ: { level: 'GOLD', serials: ['FOC2231X0AB', 'FOC2231X0AC', '2102351931P0K8000123'] },
  JCRMYY: { level: 'SILVER', serials: ['SN-HS-7788-01'] },
  LHDL: { level: 'GOLD', serials: ['21500101239SK9000456', 'FDO2148Y1QZ'] },
  XYYD: { level: 'GOLD', serials: ['2102113092P0J5000789'] },
  // BCDX: no contract — its cases are recorded on commercial hold.
};

export async function seedDemoService(
  db: Kysely<Database>,
  customers: Map<string, number>,
  now = new Date(),
): Promise<string> {
  const ctx: RequestContext = SYSTEM_CONTEXT;
  await ensureDefaultCalendars({ db });
  const calendars = await db.selectFrom('business_calendar').select(['id', 'code']).execute();
  const calendarId = (code: string) => calendars.find((c) => c.code === code)!.id;

  const levels = new Map<string, number>();
  for (const l of SERVICE_LEVELS) {
    const targets = l.minutes.map(([response, diagnosis, resolution], i) => ({
      priority: i + 1,
      calendarId: calendarId(l.calendars[i]!),
      responseMinutes: response,
      diagnosisMinutes: diagnosis,
      resolutionMinutes: resolution,
      pauseOnVendor: false,
    }));
    levels.set(
      l.code,
      await createServiceLevel({ db, ctx, input: { code: l.code, name: l.name, nameEn: l.nameEn, targets } }),
    );
  }

  const year = now.getUTCFullYear();
  for (const [code, c] of Object.entries(CONTRACTS)) {
    const organisationId = customers.get(code);
    if (!organisationId) continue;
    await createContract({
      db,
      ctx,
      input: {
        number: `HT-${year}-${code}`,
        organisationId,
        serviceLevelId: levels.get(c.level)!,
        startsOn: `${year}-01-01`,
        endsOn: `${year}-12-31`,
        state: 'active',
        coversAllSites: true,
        siteIds: [],
        serials: c.serials,
      },
    });
  }

  const staff = async (username: string) =>
    (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow())
      .id;
  const groups: Array<[string, string, string, string[]]> = [
    ['HOTLINE', '热线组', 'Hotline', ['zhaolei', 'liuyang', 'chenjing']],
    ['EXPERTS', '二线专家组', 'Second-line experts', ['wujun', 'xumin']],
    ['FIELD-SOUTH', '华南现场组', 'Field team South', ['huangqiang']],
  ];
  for (const [code, name, nameEn, members] of groups) {
    const memberIds = await Promise.all(members.map(staff));
    await createSupportGroup({ db, ctx, input: { code, name, nameEn, memberIds } });
  }

  const hotlineCtx: RequestContext = {
    ...ctx,
    actor: {
      kind: 'staff',
      userId: await staff('wangfang'),
      roles: new Set(['hotline_operator']),
      branchId: null,
      label: '王芳 (wangfang)',
      tokenId: null,
    },
  };
  const samples = [
    {
      org: 'HNZQ',
      priority: 1,
      title: '核心交易系统数据库主机宕机',
      description: '09:12 交易系统数据库主节点宕机，集群切换失败，交易中断。',
      serial: '2102351931P0K8000123',
      assignee: 'wujun',
    },
    {
      org: 'LHDL',
      priority: 2,
      title: '调度中心核心交换机端口频繁翻转',
      description: 'Gi1/0/24 反复 up/down，调度系统访问缓慢。',
      serial: 'FDO2148Y1QZ',
      assignee: 'chenjing',
    },
    {
      org: 'JCRMYY',
      priority: 3,
      title: 'HIS 服务器电源模块告警',
      description: '门诊楼 5 层机房 2 号服务器电源模块黄灯告警，系统运行正常。',
      serial: 'SN-HS-7788-01',
      assignee: null,
    },
    {
      org: 'BCDX',
      priority: 4,
      title: '咨询：无线控制器 License 扩容步骤',
      description: '需要了解 AC License 扩容的操作步骤和注意事项。',
      serial: null,
      assignee: null,
    },
  ];
  for (const s of samples) {
    const organisationId = customers.get(s.org);
    if (!organisationId) continue;
    await openCase({
      db,
      ctx: hotlineCtx,
      input: {
        organisationId,
        title: s.title,
        description: s.description,
        priority: s.priority,
        assetSerial: s.serial,
        channel: 'phone',
        assigneeId: s.assignee ? await staff(s.assignee) : null,
      },
      now,
    });
  }
  return `service: calendars 7x24 and 5x8 with Chinese holidays, ${SERVICE_LEVELS.length} service levels, ${Object.keys(CONTRACTS).length} contracts, ${groups.length} support groups, ${samples.length} cases`;
}
