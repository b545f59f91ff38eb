/**
 * Contacts of a customer through the API: one primary contact per organisation (marking another
 * primary unmarks the first), a site must be the organisation's own, and a customer contact never
 * sees another organisation's contacts. A customer code already in use is refused with the reason.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeStaff, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from '../cases/case-builders.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('one primary contact per organisation', async () => {
  const admin = await makeStaff(t, ['admin']);
  const customer = await makeCustomer(t, { contract: false });
  const add = async (name: string, isPrimary: boolean) => {
    const res = await admin.client.post(`/api/organisations/${customer.org.id}/contacts`, {
      name,
      mobile: '13900001234',
      isPrimary,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: number };
  };
  const primaries = async () =>
    (
      await t.db
        .selectFrom('contact')
        .select('name')
        .where('organisation_id', '=', customer.org.id)
        .where('is_primary', '=', true)
        .execute()
    ).map((c) => c.name);

  const first = await add('王主任', true);
  const second = await add('李工', true);
  assert.deepEqual(await primaries(), ['李工']);
  const back = await admin.client.patch(`/api/contacts/${first.id}`, { isPrimary: true });
  assert.equal(back.statusCode, 200, back.body);
  assert.deepEqual(await primaries(), ['王主任']);
  // Unmarking leaves none primary; the others stay as they are.
  await admin.client.patch(`/api/contacts/${first.id}`, { isPrimary: false });
  assert.deepEqual(await primaries(), []);
  assert.ok(second.id);
});

test("a site of another organisation is refused, naming the field; another customer's contact is hidden", async () => {
  const admin = await makeStaff(t, ['admin']);
  const a = await makeCustomer(t, { contract: false });
  const b = await makeCustomer(t, { contract: false });
  const bad = await admin.client.post(`/api/organisations/${a.org.id}/contacts`, {
    name: '跨单位',
    siteId: b.site.id,
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().errors[0].field, 'body.siteId');
  assert.equal(bad.json().errors[0].text, '该客户没有这个站点');
  const list = await b.contact.client.get(`/api/organisations/${a.org.id}/contacts`);
  assert.equal(list.statusCode, 404);
});

test('a customer code already in use is refused, naming the field and saying why', async () => {
  const admin = await makeStaff(t, ['admin']);
  const code = `DUP${Date.now()}`;
  assert.equal((await admin.client.post('/api/organisations', { name: '先到的客户', code })).statusCode, 201);
  const taken = await admin.client.post('/api/organisations', { name: '后到的客户', code });
  assert.equal(taken.statusCode, 409);
  assert.equal(taken.json().errors[0].field, 'body.code');
  assert.equal(taken.json().text, `客户编码 ${code} 已被使用`);
});
