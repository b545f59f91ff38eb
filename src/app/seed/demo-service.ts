/**
 * The service side of the demo: calendars, two service levels, contracts with their owners
 * (服务专员), promises and covered assets (one customer has none, to show commercial hold; one
 * is in its renewal window; one has a downtime extension), support groups and a few cases in
 * different states.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import { SYSTEM_CONTEXT, type RequestContext } from '../../platform/authz/actor.ts';
import { ensureDefaultCalendars } from '../../modules/calendars/server/index.ts';
import {
  createContract,
  createServiceLevel,
  recordDowntimeExtension,
  serviceDay,
} from '../../modules/contracts/server/index.ts';
import { addDays } from '../../modules/contracts/contract-status.ts';
import { ensureDemoAsset, type DemoAsset } from './demo-installed-base.ts';
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

interface DemoContract {
  level: 'GOLD' | 'SILVER';
  owner: string;
  onsiteHours: number;
  partsHours: number;
  inspectionsPerYear: number;
  /** Whole customer, or only the listed sites (by index) and assets. */
  coversAllSites: boolean;
  sites: number[];
  assets: Array<
    Omit<DemoAsset, 'installedOn' | 'warrantyEndsOn'> & { installedYearsAgo: number; warrantyYears: number }
  >;
  /** Ends this many days from today (in its renewal window) instead of at the year's end. */
  endsInDays?: number;
}

const CONTRACTS: Record<string, DemoContract> = {
  HNZQ: {
    level: 'GOLD',
    owner: 'hulin',
    onsiteHours: 4,
    partsHours: 4,
    inspectionsPerYear: 4,
    coversAllSites: true,
    sites: [],
    assets: [
      {
        vendor: 'Cisco',
        model: 'C9300-48P',
        category: 'network',
        serial: 'FOC2231X0AB',
        site: 0,
        installedYearsAgo: 2,
        warrantyYears: 1,
      },
      {
        vendor: 'Cisco',
        model: 'C9300-48P',
        category: 'network',
        serial: 'FOC2231X0AC',
        site: 1,
        installedYearsAgo: 2,
        warrantyYears: 1,
      },
      {
        vendor: 'Huawei',
        model: 'TaiShan 2280 V2',
        category: 'server',
        serial: '2102351931P0K8000123',
        site: 0,
        installedYearsAgo: 1,
        warrantyYears: 3,
      },
    ],
  },
  JCRMYY: {
    level: 'SILVER',
    owner: 'lina',
    onsiteHours: 24,
    partsHours: 48,
    inspectionsPerYear: 2,
    coversAllSites: false,
    sites: [],
    assets: [
      {
        vendor: 'Inspur',
        model: 'NF5280M6',
        category: 'server',
        serial: 'SN-HS-7788-01',
        site: 0,
        installedYearsAgo: 4,
        warrantyYears: 3,
      },
    ],
  },
  LHDL: {
    level: 'GOLD',
    owner: 'zhuhua',
    onsiteHours: 4,
    partsHours: 8,
    inspectionsPerYear: 4,
    coversAllSites: false,
    sites: [0],
    assets: [
      {
        vendor: 'Huawei',
        model: 'OceanStor 5310',
        category: 'storage',
        serial: '21500101239SK9000456',
        site: 0,
        installedYearsAgo: 1,
        warrantyYears: 3,
      },
      {
        vendor: 'Cisco',
        model: 'C9500-24Y4C',
        category: 'network',
        serial: 'FDO2148Y1QZ',
        site: 0,
        installedYearsAgo: 3,
        warrantyYears: 1,
      },
    ],
  },
  XYYD: {
    level: 'GOLD',
    owner: 'guoping',
    onsiteHours: 8,
    partsHours: 24,
    inspectionsPerYear: 4,
    coversAllSites: true,
    sites: [],
    assets: [
      {
        vendor: 'Huawei',
        model: 'CE6881-48S6CQ',
        category: 'network',
        serial: '2102113092P0J5000789',
        site: 0,
        installedYearsAgo: 2,
        warrantyYears: 1,
      },
    ],
    endsInDays: 45,
  },
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

  const staff = async (username: string) =>
    (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow())
      .id;
  const year = now.getUTCFullYear();
  const today = serviceDay(now);
  const contractIds = new Map<string, number>();
  for (const [code, c] of Object.entries(CONTRACTS)) {
    const organisationId = customers.get(code);
    if (!organisationId) continue;
    const assetIds: number[] = [];
    for (const a of c.assets) {
      const installedOn = addDays(today, -365 * a.installedYearsAgo - 30);
      assetIds.push(
        await ensureDemoAsset(db, organisationId, {
          ...a,
          installedOn,
          warrantyEndsOn: addDays(installedOn, 365 * a.warrantyYears),
        }),
      );
    }
    const sites = await db
      .selectFrom('site')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .orderBy('id')
      .execute();
    contractIds.set(
      code,
      await createContract({
        db,
        ctx,
        input: {
          number: `HT-${year}-${code}`,
          organisationId,
          serviceLevelId: levels.get(c.level)!,
          startsOn: c.endsInDays ? addDays(today, c.endsInDays - 365) : `${year}-01-01`,
          endsOn: c.endsInDays ? addDays(today, c.endsInDays) : `${year}-12-31`,
          state: 'active',
          coversAllSites: c.coversAllSites,
          siteIds: c.sites.map((i) => sites[i]!.id),
          assetIds,
          serials: [],
          ownerId: await staff(c.owner),
          onsiteHours: c.onsiteHours,
          partsHours: c.partsHours,
          inspectionsPerYear: c.inspectionsPerYear,
          renewalNoticeDays: 60,
        },
      }),
    );
  }
  // Seed 001: a day and a quarter of vendor-caused downtime extended HNZQ's contract by 2 days.
  const hnzq = contractIds.get('HNZQ');
  const downFrom = new Date(now.getTime() - 20 * 86_400_000);
  if (hnzq && serviceDay(downFrom) >= `${year}-01-01`) {
    await recordDowntimeExtension({
      db,
      ctx,
      contractId: hnzq,
      input: {
        cause: 'vendor',
        downFrom: downFrom.toISOString(),
        downTo: new Date(downFrom.getTime() + 30 * 3_600_000).toISOString(),
        caseId: null,
        reason: '交易数据库主机厂商固件缺陷导致停机 30 小时（厂商已确认）',
      },
      now,
    });
  }

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
