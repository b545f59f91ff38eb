/** Access rules of service levels, service contracts (life cycle, extensions) and entitlement. */
import { SYSTEM_CONTEXT } from '../../../src/platform/authz/actor.ts';
import { createContract, createServiceLevel } from '../../../src/modules/contracts/server/index.ts';
import { makeCalendar } from '../../cases/case-builders.ts';
import { next, orgRead, orgWrite, roles, signedIn, staffOnly, type RuleSet } from '../access-rules.ts';

/** Who records and changes contracts (a contract's owner too, but the walk's callers own none). */
const MANAGERS = ['admin', 'manager1', 'manager2', 'manager3'] as const;

export const contractRules: RuleSet = {
  async setup({ t, targets }) {
    const ctx = SYSTEM_CONTEXT;
    const calendarId = await makeCalendar(t);
    const level = await createServiceLevel({
      db: t.db,
      ctx,
      input: {
        code: 'WALK-CONTRACTS',
        name: '巡检级',
        targets: [1, 2, 3, 4].map((priority) => ({
          priority,
          calendarId,
          responseMinutes: 30,
          diagnosisMinutes: 240,
          resolutionMinutes: 1440,
          pauseOnVendor: false,
        })),
      },
    });
    // One contract per write, so the first allowed caller's change does not get in the next's way
    // (later allowed callers reach the use case and get 409).
    const contract = async (number: string) =>
      createContract({
        db: t.db,
        ctx,
        input: {
          number,
          organisationId: targets.orgA!,
          serviceLevelId: level,
          startsOn: '2000-01-01',
          endsOn: '2099-12-31',
          state: 'active',
          coversAllSites: true,
          siteIds: [],
          serials: [],
        },
      });
    return {
      contractCalendar: calendarId,
      contractLevel: level,
      contractRead: await contract('HT-WALK-READ'),
      contractUpdate: await contract('HT-WALK-UPDATE'),
      contractState: await contract('HT-WALK-STATE'),
      contractRenew: await contract('HT-WALK-RENEW'),
      contractExtend: await contract('HT-WALK-EXTEND'),
    };
  },
  rules: {
    listServiceLevels: { expect: staffOnly },
    createServiceLevel: {
      expect: roles('admin'),
      body: (t) => ({
        code: `SL${next()}`,
        name: '银牌',
        targets: [1, 2, 3, 4].map((priority) => ({
          priority,
          calendarId: t.contractCalendar,
          responseMinutes: 60,
          diagnosisMinutes: 480,
          resolutionMinutes: 2880,
        })),
      }),
    },
    getServiceLevel: { expect: staffOnly, id: (t) => t.contractLevel! },
    updateServiceLevel: {
      expect: roles('admin'),
      id: (t) => t.contractLevel!,
      body: () => ({ name: '巡检级（改）' }),
    },
    listContracts: { expect: signedIn },
    getContract: { expect: orgRead, id: (t) => t.contractRead! },
    createContract: {
      expect: roles(...MANAGERS),
      body: (t) => ({
        number: `HT${next()}`,
        organisationId: t.orgA,
        serviceLevelId: t.contractLevel,
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
      }),
    },
    updateContract: {
      expect: orgWrite(...MANAGERS),
      id: (t) => t.contractUpdate!,
      body: () => ({ notes: `巡检备注 ${next()}` }),
    },
    changeContractState: {
      expect: orgWrite(...MANAGERS),
      id: (t) => t.contractState!,
      body: () => ({ to: 'expired', reason: '客户提前终止' }),
    },
    renewContract: {
      expect: orgWrite(...MANAGERS),
      id: (t) => t.contractRenew!,
      body: () => ({ number: `HT${next()}`, endsOn: '2100-12-31' }),
    },
    listContractExtensions: { expect: orgRead, id: (t) => t.contractRead! },
    recordContractExtension: {
      expect: orgWrite(...MANAGERS),
      id: (t) => t.contractExtend!,
      body: () => ({
        cause: 'vendor',
        downFrom: new Date(Date.now() - 3 * 86_400_000).toISOString(),
        downTo: new Date(Date.now() - 2 * 86_400_000).toISOString(),
        reason: '厂商原因停机',
      }),
    },
    checkEntitlement: { expect: staffOnly, query: (t) => `organisationId=${t.orgA}` },
  },
};
