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

test('the company logo: an administrator uploads a PNG, everyone (signed in or not) sees it; bad files are refused', async () => {
  const admin = await makeStaff(t, ['admin']);
  const engineer = await makeStaff(t, ['tac_engineer']);
  const anonymous = async (url: string) => t.app.inject({ method: 'GET', url });
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  const dataUrl = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString('base64')}`;

  assert.equal((await anonymous('/api/branding')).json().logoVersion, null);
  assert.equal(
    (await engineer.client.put('/api/branding/logo', { dataUrl: dataUrl('image/png', png) })).statusCode,
    403,
  );
  // Declared a PNG, but the bytes are HTML: refused by what it is, not what it claims.
  const html = Buffer.from('<html><script>alert(1)</script></html>');
  const fake = await admin.client.put('/api/branding/logo', { dataUrl: dataUrl('image/png', html) });
  assert.equal(fake.statusCode, 400);
  assert.equal(fake.json().errors[0].field, 'body.dataUrl');
  const svg = await admin.client.put('/api/branding/logo', {
    dataUrl: dataUrl('image/svg+xml', Buffer.from('<svg/>')),
  });
  assert.equal(svg.statusCode, 400);
  const huge = await admin.client.put('/api/branding/logo', {
    dataUrl: dataUrl('image/png', Buffer.concat([png, Buffer.alloc(300 * 1024)])),
  });
  assert.equal(huge.statusCode, 400);
  assert.equal((await anonymous('/api/branding')).json().logoVersion, null, 'nothing changed');

  const ok = await admin.client.put('/api/branding/logo', { dataUrl: dataUrl('image/png', png) });
  assert.equal(ok.statusCode, 200, ok.body);
  const version = ok.json().logoVersion;
  assert.ok(version);
  assert.equal((await anonymous('/api/branding')).json().logoVersion, version);
  const image = await anonymous(`/api/branding/logo?v=${version}`);
  assert.equal(image.statusCode, 200);
  assert.equal(image.headers['content-type'], 'image/png');
  assert.equal(image.headers['x-content-type-options'], 'nosniff');
  assert.deepEqual(image.rawPayload, png);

  assert.equal((await admin.client.delete('/api/branding/logo')).statusCode, 200);
  assert.equal((await anonymous('/api/branding')).json().logoVersion, null);
  assert.match(String((await anonymous('/api/branding/logo')).headers['content-type']), /image\/svg\+xml/);
});
