/**
 * The test-only clock: absent unless the server runs in test mode (404, not in the API document),
 * administrators only, forward only, and the domain reads it (a case opened "later" says so).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeStaff, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from '../cases/case-builders.ts';

let normal: TestApp;
let testing: TestApp;

before(async () => {
  normal = await createTestApp();
  testing = await createTestApp({ TACDESK_TEST_MODE: 'true' });
});
after(async () => {
  await normal.close();
  await testing.close();
});

test('a server not in test mode has no clock control at all', async () => {
  const admin = await makeStaff(normal, ['admin']);
  assert.equal((await admin.client.post('/api/test/clock', { advanceMinutes: 60 })).statusCode, 404);
  assert.equal((await admin.client.get('/api/test/clock')).statusCode, 404);
  const doc = (await admin.client.get('/api/openapi.json')).json();
  assert.ok(!Object.keys(doc.paths).some((p) => p.startsWith('/api/test')));
});

test('in test mode an administrator moves the clock forward; the domain follows it', async () => {
  const admin = await makeStaff(testing, ['admin']);
  const engineer = await makeStaff(testing, ['tac_engineer']);
  assert.equal((await engineer.client.post('/api/test/clock', { advanceMinutes: 5 })).statusCode, 403);
  const back = await admin.client.post('/api/test/clock', { advanceMinutes: -5 });
  assert.equal(back.statusCode, 400);
  assert.equal(back.json().errors[0].field, 'body.advanceMinutes');

  const before = Date.now();
  const moved = await admin.client.post('/api/test/clock', { advanceMinutes: 24 * 60 });
  assert.equal(moved.statusCode, 200, moved.body);
  assert.equal(moved.json().offsetMinutes, 24 * 60);
  const customer = await makeCustomer(testing);
  const opened = await admin.client.post('/api/cases', {
    organisationId: customer.org.id,
    title: '时钟测试',
    description: '时钟前移一天后受理',
    priority: 3,
  });
  assert.equal(opened.statusCode, 201, opened.body);
  const openedAt = new Date(opened.json().openedAt).getTime();
  assert.ok(openedAt >= before + 24 * 3_600_000, 'opened on the moved clock');
});
