/**
 * Mails about records beside the cases, through a real SMTP server: a contract due for renewal
 * reaches its owner in the owner's language, threaded by the contract; a purchase order overdue
 * reaches whoever raised it, the clerks and the regional manager of the store's branch — each once.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runContractsDaily } from '../../src/modules/contracts/server/index.ts';
import { DeliverySender } from '../../src/modules/notifications/server/index.ts';
import type { Mailer } from '../../src/platform/mail/mailer.ts';
import { remindPurchaseOrders } from '../../src/modules/spares/server/index.ts';
import { createTestApp, makeStaff, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from '../cases/case-builders.ts';
import { header, startSmtpSink, subjectOf, textOf, type SmtpSink } from './smtp-sink.ts';

let smtp: SmtpSink;
let mailer: Mailer;
let t: TestApp;

before(async () => {
  smtp = await startSmtpSink();
  mailer = smtp.mailer();
  t = await createTestApp();
});
after(async () => {
  mailer.close();
  await t.close();
  await smtp.close();
});

const send = () => new DeliverySender({ db: t.db, mailer, publicUrl: 'https://tac.example.cn' }).runOnce();

async function staffWithMail(roles: Parameters<typeof makeStaff>[1], email: string, extra = {}) {
  const staff = await makeStaff(t, roles);
  await t.db
    .updateTable('app_user')
    .set({ email, ...extra })
    .where('id', '=', staff.user.id)
    .execute();
  return staff;
}

test("a contract due for renewal mails its owner once, in the owner's language, threaded by the contract", async () => {
  const owner = await staffWithMail(['manager1'], 'owner@tac.example.cn', { locale: 'en' });
  const customer = await makeCustomer(t, { contract: { startsOn: '2026-01-01', endsOn: '2026-12-31' } });
  await t.db
    .updateTable('service_contract')
    .set({ owner_id: owner.user.id, renewal_notice_days: 45 })
    .where('id', '=', customer.contractId!)
    .execute();
  const contract = await t.db
    .selectFrom('service_contract')
    .select('number')
    .where('id', '=', customer.contractId!)
    .executeTakeFirstOrThrow();

  const now = new Date('2026-12-01T02:00:00Z');
  await runContractsDaily({ db: t.db, now });
  await runContractsDaily({ db: t.db, now });
  smtp.inbox.length = 0;
  await send();
  const mails = smtp.inbox.filter((m) => m.to.includes('owner@tac.example.cn'));
  assert.equal(mails.length, 1);
  assert.equal(subjectOf(mails[0]!.raw), `[${contract.number}] Service contract ends in 30 days: renewal`);
  assert.equal(
    header(mails[0]!.raw, 'References'),
    `<tacdesk-contract-${customer.contractId}@tac.example.cn>`,
  );
  assert.match(
    textOf(mails[0]!.raw),
    new RegExp(`https://tac\\.example\\.cn/contracts/${customer.contractId}`),
  );
  assert.match(textOf(mails[0]!.raw), /ends on 2026-12-31 \(30 days from now\)/);
});

test('an overdue purchase order mails its buyer, the branch clerks and the regional manager, once each', async () => {
  const admin = await makeStaff(t, ['admin']);
  const branch = (await admin.client.post('/api/branches', { code: 'NB-MAIL', name: '宁波分公司' })).json();
  const clerk = await staffWithMail(['spare_parts_clerk'], 'clerk@nb.example.cn', { branch_id: branch.id });
  await staffWithMail(['regional_manager'], 'rm@nb.example.cn', { branch_id: branch.id });
  await staffWithMail(['spare_parts_clerk'], 'clerk@elsewhere.example.cn');
  const store = (
    await clerk.client.post('/api/warehouses', {
      code: 'WH-NB-MAIL',
      name: '宁波备件库',
      branchId: branch.id,
    })
  ).json();
  const part = (
    await clerk.client.post('/api/spare-parts', {
      partNumber: 'FAN-MAIL-01',
      name: '风扇模块',
      serialised: false,
    })
  ).json();
  const order = await clerk.client.post('/api/purchase-orders', {
    supplier: '宁波某分销商',
    warehouseId: store.id,
    signedOn: '2026-11-02',
    lines: [{ partId: part.id, quantity: 3 }],
  });
  assert.equal(order.statusCode, 201, order.body);
  const po = order.json();
  assert.equal(po.dueOn, '2026-11-09');

  await remindPurchaseOrders({ db: t.db, now: new Date('2026-11-10T09:00:00+08:00') });
  smtp.inbox.length = 0;
  await send();
  const to = smtp.inbox.flatMap((m) => m.to).sort();
  assert.deepEqual(to, ['clerk@nb.example.cn', 'rm@nb.example.cn']);
  const mail = smtp.inbox[0]!;
  assert.equal(subjectOf(mail.raw), `[${po.number}] 备件采购已逾期（应于 2026-11-09 入库）`);
  assert.match(textOf(mail.raw), /FAN-MAIL-01 × 3/);
  assert.equal(header(mail.raw, 'References'), `<tacdesk-purchase-order-${po.id}@tac.example.cn>`);
});
