/** Installation settings: read by everyone signed in, changed by administrators, and used by cases. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeStaff, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from '../cases/case-builders.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('an administrator sets the hotline; a customer’s P1 from the portal is told to phone it', async () => {
  const admin = await makeStaff(t, ['admin']);
  const engineer = await makeStaff(t, ['tac_engineer']);
  assert.deepEqual((await engineer.client.get('/api/settings')).json(), {
    companyName: 'TACdesk',
    hotlineNumber: null,
    caseReopenDays: 14,
  });
  assert.equal(
    (await engineer.client.patch('/api/settings', { hotlineNumber: '400-820-8820' })).statusCode,
    403,
  );
  const bad = await admin.client.patch('/api/settings', { caseReopenDays: -1 });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().errors[0].field, 'body.caseReopenDays');
  const ok = await admin.client.patch('/api/settings', {
    hotlineNumber: '400-820-8820',
    companyName: '华信系统集成有限公司',
  });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.json().hotlineNumber, '400-820-8820');
  const audit = (await admin.client.get('/api/audit-events?type=settings.updated')).json().items[0];
  assert.equal(audit.before.hotlineNumber, null);
  assert.equal(audit.after.hotlineNumber, '400-820-8820');

  const customer = await makeCustomer(t);
  const res = await customer.contact.client.post('/api/cases', {
    title: '全行网络中断',
    description: '所有网点无法访问核心系统',
    priority: 1,
  });
  assert.deepEqual(res.json().notice, { code: 'call_hotline', hotline: '400-820-8820' });
});
