/** Access rules of cases, support groups, SLAs and deliveries (contracts: contracts.rules.ts). */
import { Readable } from 'node:stream';
import { SYSTEM_CONTEXT } from '../../../src/platform/authz/actor.ts';
import { LocalFileStore } from '../../../src/platform/files/file-store.ts';
import { openCase } from '../../../src/modules/cases/server/index.ts';
import { createServiceLevel } from '../../../src/modules/contracts/server/index.ts';
import { makeCalendar } from '../../cases/case-builders.ts';
import {
  next,
  orgRead,
  roles,
  signedIn,
  staffOnly,
  type RuleSet,
  type Who,
  type Expect,
} from '../access-rules.ts';

const CASE = { title: '路由器告警', description: '电源模块告警', priority: 3 };
/** Working a case of organisation A: any staff member; A's contact is refused; B's contact sees nothing. */
const caseWork = (who: Who): Expect => (who === 'contact_foreign' ? 'hidden' : staffOnly(who));
const DISPATCH = [
  'admin',
  'hotline_operator',
  'duty_engineer',
  'regional_manager',
  'manager1',
  'manager2',
  'manager3',
] as const;

export const caseRules: RuleSet = {
  async setup({ t, admin, targets }) {
    const ctx = SYSTEM_CONTEXT;
    const open = async () =>
      (await openCase({ db: t.db, ctx, input: { ...CASE, organisationId: targets.orgA! }, now: new Date() }))
        .id;
    const calendarId = await makeCalendar(t);
    const target = (priority: number) => ({
      priority,
      calendarId,
      responseMinutes: 30,
      diagnosisMinutes: 240,
      resolutionMinutes: 1440,
      pauseOnVendor: false,
    });
    const level = await createServiceLevel({
      db: t.db,
      ctx,
      input: { code: 'WALK', name: '巡检级', targets: [1, 2, 3, 4].map(target) },
    });
    const vendorCase = await t.db
      .insertInto('vendor_case')
      .values({ case_id: await open(), vendor: 'Huawei' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const caseA = await open();
    const escalation = await t.db
      .insertInto('case_escalation')
      .values({
        case_id: caseA,
        step_key: 'walk',
        track: 'P3',
        elapsed_minutes: 240,
        due_at: new Date(),
        fired_at: new Date(),
        actions: '[]',
        recipients: '[]',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const stored = await (
      await LocalFileStore.open({ dataDir: t.config.dataDir })
    ).put(Readable.from([Buffer.from('walk log line\n')]), {
      maxBytes: 1024,
      declaredName: 'walk.log',
    });
    const attachment = await t.db
      .insertInto('case_attachment')
      .values({
        case_id: caseA,
        sha256: stored.sha256,
        size: stored.size,
        media_type: stored.mediaType,
        file_name: 'walk.log',
        visibility: 'public',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const event = await t.db
      .selectFrom('domain_event')
      .select('id')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const delivery = await t.db
      .insertInto('delivery')
      .values({
        event_id: event.id,
        case_id: caseA,
        channel: 'email',
        recipient: 'walk@example.cn',
        template: 'case.opened',
        locale: 'zh-CN',
        payload: '{}',
        status: 'dead',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // A view the walk's own admin shares: others see it but may not change it.
    const sharedView = await admin.post('/api/saved-views', {
      name: '全部 P1',
      query: 'priority=1',
      shared: true,
    });
    const dispatcher = await t.db
      .selectFrom('app_user')
      .select('id')
      .where('kind', '=', 'staff')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return {
      caseA,
      caseBulk: await open(),
      sharedView: sharedView.json().id,
      dispatcher: dispatcher.id,
      delivery: delivery.id,
      attachment: attachment.id,
      escalation: escalation.id,
      caseA2: await open(),
      caseMerge: await open(),
      vendorCase: vendorCase.id,
      calendar: calendarId,
      serviceLevel: level,
    };
  },
  rules: {
    getCaseMeta: { expect: signedIn },
    getDashboard: { expect: staffOnly },
    lookUpIntake: { expect: staffOnly, query: () => 'q=1390' },
    openCase: { expect: (w) => (w === 'anonymous' ? 'unauthenticated' : 'ok'), body: () => ({ ...CASE }) },
    listCases: { expect: signedIn },
    // The walk sends JSON: staff reach the upload and get 415; customers are refused first.
    recordFaxCase: { expect: staffOnly },
    exportCases: { expect: signedIn, query: () => 'format=csv' },
    getCase: { expect: orgRead, id: (t) => t.caseA! },
    // A contact reaches the use case too: the status table answers what it may do (409 otherwise).
    updateCase: { expect: caseWork, id: (t) => t.caseA!, body: () => ({ category: '网络' }) },
    changeCasePriority: {
      expect: caseWork,
      id: (t) => t.caseA2!,
      body: () => ({ priority: 2, reason: '影响扩大' }),
    },
    recordDiagnosis: { expect: caseWork, id: (t) => t.caseA2!, body: () => ({ summary: '光模块故障' }) },
    changeCaseState: { expect: orgRead, id: (t) => t.caseA!, body: () => ({ to: 'in_progress' }) },
    // The assignee may transfer too; nobody here is the assignee, so it is the dispatchers.
    assignCase: {
      expect: (w) => (w === 'contact_foreign' ? 'hidden' : roles(...DISPATCH)(w)),
      id: (t) => t.caseA2!,
      body: () => ({ groupId: null, reason: 'walk' }),
    },
    acceptCase: { expect: (w) => (w === 'contact_foreign' ? 'hidden' : roles()(w)), id: (t) => t.caseA2! },
    listCaseEntries: { expect: orgRead, id: (t) => t.caseA! },
    addCaseEntry: {
      expect: orgRead,
      id: (t) => t.caseA!,
      body: () => ({ kind: 'reply', body: `回复 ${next()}` }),
    },
    watchCase: { expect: caseWork, id: (t) => t.caseA! },
    unwatchCase: { expect: caseWork, id: (t) => t.caseA! },
    linkCases: { expect: caseWork, id: (t) => t.caseA!, body: (t) => ({ otherCaseId: t.caseA2 }) },
    mergeCase: { expect: caseWork, id: (t) => t.caseMerge!, body: (t) => ({ intoCaseId: t.caseA }) },
    listVendorCases: { expect: orgRead, id: (t) => t.caseA! },
    addVendorCase: { expect: caseWork, id: (t) => t.caseA!, body: () => ({ vendor: 'Cisco TAC' }) },
    updateVendorCase: { expect: caseWork, id: (t) => t.vendorCase!, body: () => ({ notes: '已更新' }) },
    getCaseSla: { expect: caseWork, id: (t) => t.caseA! },
    listDeliveries: { expect: roles('admin') },
    retryDelivery: { expect: roles('admin'), id: (t) => t.delivery! },
    // The walk sends JSON: allowed callers reach the upload and get 415; nobody else gets that far.
    uploadCaseAttachments: { expect: orgRead, id: (t) => t.caseA! },
    listCaseAttachments: { expect: orgRead, id: (t) => t.caseA! },
    downloadAttachment: { expect: orgRead, id: (t) => t.attachment! },
    // Recipients and managers acknowledge; the walk's escalation went to nobody, so managers only.
    acknowledgeEscalation: {
      expect: (w) =>
        w === 'contact_foreign'
          ? 'hidden'
          : roles(
              'admin',
              'manager1',
              'manager2',
              'manager3',
              'regional_manager',
              'hotline_operator',
              'duty_engineer',
            )(w),
      id: (t) => t.escalation!,
    },
    getEscalationMatrix: { expect: staffOnly },
    setEscalationMatrix: { expect: roles('admin'), id: (t) => t.serviceLevel!, body: () => ({ steps: [] }) },
    listSupportGroups: { expect: staffOnly },
    createSupportGroup: { expect: roles('admin'), body: () => ({ code: `G${next()}`, name: '二线专家组' }) },
    listSavedViews: { expect: staffOnly },
    createSavedView: {
      expect: staffOnly,
      body: () => ({ name: `视图 ${next()}`, query: 'assignee=me&sort=sla' }),
    },
    // Only the owner (the setup's admin, not a walker) changes a view; a shared one is visible, so 403.
    updateSavedView: { expect: roles(), id: (t) => t.sharedView!, body: () => ({ name: `改名 ${next()}` }) },
    deleteSavedView: { expect: roles(), id: (t) => t.sharedView! },
    // Any staff member reaches it (each case answers for itself); contacts are refused.
    bulkAssignCases: {
      expect: staffOnly,
      body: (t) => ({ caseIds: [t.caseBulk], assigneeId: t.dispatcher }),
    },
  },
};
