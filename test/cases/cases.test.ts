/**
 * Cases through the HTTP boundary: intake with entitlement, gap-free numbers, the life cycle,
 * assignment and 首问负责, the customer's side, and bad input that changes nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from './case-builders.ts';
import { makeAsset } from '../contracts/contract-builders.ts';

let now = new Date('2026-03-10T02:00:00Z'); // 10:00 in Shanghai
let t: TestApp;
let hotline: Awaited<ReturnType<typeof makeStaff>>;
let engineer: Awaited<ReturnType<typeof makeStaff>>;

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, () => now);
  hotline = await makeStaff(t, ['hotline_operator']);
  engineer = await makeStaff(t, ['tac_engineer']);
});
after(() => t.close());

const count = async (table: 'support_case' | 'case_entry' | 'domain_event') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function open(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/cases', {
    title: '核心交换机端口频繁翻转',
    description: '10:05 起 Gi1/0/24 反复 up/down，影响财务系统访问。',
    priority: 3,
    ...body,
  });
  return res;
}

describe('intake', () => {
  test("a serial of the customer's installed base is recorded as registered, with its site", async () => {
    const customer = await makeCustomer(t);
    await makeAsset(t, customer.org.id, { serial: 'FDO2339K1ZT', siteId: customer.site.id });
    const res = await open(hotline.client, { organisationId: customer.org.id, assetSerial: ' fdo2339k1zt ' });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().assetSerial, 'FDO2339K1ZT');
    assert.equal(res.json().siteId, customer.site.id);
    // An unknown serial is kept as typed (trimmed), and no site is guessed.
    const unknown = await open(hotline.client, { organisationId: customer.org.id, assetSerial: 'xyz-123' });
    assert.equal(unknown.json().assetSerial, 'xyz-123');
    assert.equal(unknown.json().siteId, null);
  });

  test('a hotline case is numbered, entitled and owned by whoever took the call', async () => {
    const customer = await makeCustomer(t);
    const res = await open(hotline.client, {
      organisationId: customer.org.id,
      siteId: customer.site.id,
      contactId: customer.contact.contact.id,
      priority: 1,
    });
    assert.equal(res.statusCode, 201, res.body);
    const c = res.json();
    assert.match(c.number, /^TAC-2026-\d{6}$/);
    assert.equal(c.channel, 'phone');
    assert.equal(c.state, 'new');
    assert.equal(c.commercialHold, false);
    assert.equal(c.serviceContractId, customer.contractId);
    assert.equal(c.serviceLevelId, customer.serviceLevelId);
    assert.equal(c.owner.id, hotline.user.id);
    assert.equal(c.ownerAccepted, false);
    assert.equal(c.notice, null);
    assert.ok(c.abilities.assign);
  });

  test('no valid contract: the case is still recorded, on commercial hold', async () => {
    const none = await makeCustomer(t, { contract: false });
    const expired = await makeCustomer(t, { contract: { startsOn: '2025-01-01', endsOn: '2025-12-31' } });
    for (const customer of [none, expired]) {
      const res = await open(hotline.client, { organisationId: customer.org.id });
      assert.equal(res.statusCode, 201);
      assert.equal(res.json().commercialHold, true);
    }
    const entries = (
      await hotline.client.get(
        `/api/cases/${(await open(hotline.client, { organisationId: expired.org.id })).json().id}/entries`,
      )
    ).json().items;
    assert.equal(entries[0].kind, 'opened');
    assert.equal(entries[0].data.entitlement.reason, 'expired');
  });

  test('a serial under contract is found at intake; another customer’s serial does not entitle', async () => {
    const owner = await makeCustomer(t, {
      contract: { startsOn: '2026-01-01', endsOn: '2026-12-31', serials: ['FOC2231X0AB'] },
    });
    const ent = (await hotline.client.get('/api/entitlement?serial=foc2231x0ab&on=2026-03-10')).json();
    assert.equal(ent.covered, true);
    assert.equal(ent.organisationId, owner.org.id);
    const stranger = await makeCustomer(t, { contract: false });
    const res = await open(hotline.client, { organisationId: stranger.org.id, assetSerial: 'FOC2231X0AB' });
    assert.equal(res.json().commercialHold, true);
  });

  test('numbers have no gaps, also under concurrent intake and after a refused one, and restart each year', async () => {
    const customer = await makeCustomer(t);
    const refused = await open(hotline.client, { organisationId: customer.org.id, priority: 9 });
    assert.equal(refused.statusCode, 400);
    const results = await Promise.all(
      Array.from({ length: 12 }, () => open(hotline.client, { organisationId: customer.org.id })),
    );
    assert.ok(results.every((r) => r.statusCode === 201));
    const all = await t.db
      .selectFrom('support_case')
      .select('number')
      .where('number', 'like', 'TAC-2026-%')
      .orderBy('number')
      .execute();
    const numbers = all.map((r) => Number(r.number.slice(-6)));
    assert.deepEqual(
      numbers,
      numbers.map((_, i) => i + 1),
      'consecutive from 1',
    );

    now = new Date('2026-12-31T16:30:00Z'); // 00:30 on 1 January 2027 in Shanghai
    const nextYear = await open(hotline.client, { organisationId: customer.org.id });
    assert.equal(nextYear.json().number, 'TAC-2027-000001');
    now = new Date('2026-03-10T02:00:00Z');
  });

  test('past 999 999 cases in a year the number grows a digit, and a case is found by its number', async () => {
    const customer = await makeCustomer(t);
    now = new Date('2028-06-01T02:00:00Z');
    await t.db.insertInto('case_counter').values({ year: 2028, last_number: 999_999 }).execute();
    const res = await open(hotline.client, { organisationId: customer.org.id });
    now = new Date('2026-03-10T02:00:00Z');
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().number, 'TAC-2028-1000000');
    const found = await hotline.client.get('/api/cases?q=TAC-2028-1000000');
    assert.deepEqual(
      found.json().items.map((c: { id: number }) => c.id),
      [res.json().id],
    );
  });

  test('bad input gets a 4xx naming the problem and changes nothing', async () => {
    const customer = await makeCustomer(t);
    const other = await makeCustomer(t);
    const [cases, entries, events] = [
      await count('support_case'),
      await count('case_entry'),
      await count('domain_event'),
    ];
    const cases4xx = [
      [{ organisationId: 999999 }, 'body.organisationId'],
      [{ organisationId: customer.org.id, priority: 5 }, 'body.priority'],
      [{ organisationId: customer.org.id, priority: 0 }, 'body.priority'],
      [{ organisationId: customer.org.id, siteId: other.site.id }, 'body.siteId'],
      [{ organisationId: customer.org.id, contactId: other.contact.contact.id }, 'body.contactId'],
      [{ organisationId: customer.org.id, assigneeId: customer.contact.user.id }, 'body.assigneeId'],
      [{ priority: 2 }, 'body.organisationId'],
    ] as const;
    for (const [body, field] of cases4xx) {
      const res = await open(hotline.client, body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)} → ${res.body}`);
      assert.ok(
        res.json().errors.some((e: { field: string }) => e.field === field),
        `${field} in ${res.body}`,
      );
    }
    assert.deepEqual(
      [await count('support_case'), await count('case_entry'), await count('domain_event')],
      [cases, entries, events],
    );
  });
});

describe('life cycle and assignment', () => {
  test('assign, accept (首问 passes), work, resolve; only allowed transitions', async () => {
    const customer = await makeCustomer(t);
    const c = (await open(hotline.client, { organisationId: customer.org.id })).json();
    const wrong = await hotline.client.post(`/api/cases/${c.id}/transitions`, { to: 'closed' });
    assert.equal(wrong.statusCode, 409);
    assert.equal(wrong.json().errors[0].field, 'body.to');
    assert.equal(wrong.json().errors[0].text, '“新建”状态下不能这样改');
    assert.equal(wrong.json().text, '案例不能从“新建”改为“已关闭”；可改为：“处理中”、“已取消”');
    assert.equal((await hotline.client.get(`/api/cases/${c.id}`)).json().state, 'new');

    const assigned = await hotline.client.post(`/api/cases/${c.id}/assign`, { assigneeId: engineer.user.id });
    assert.equal(assigned.statusCode, 200, assigned.body);
    assert.equal(assigned.json().state, 'assigned');
    assert.equal(assigned.json().owner.id, hotline.user.id, 'the first taker owns it until accepted');

    const seenByEngineer = (await engineer.client.get(`/api/cases/${c.id}`)).json();
    assert.equal(seenByEngineer.abilities.accept, true);
    const accepted = (await engineer.client.post(`/api/cases/${c.id}/accept`)).json();
    assert.equal(accepted.owner.id, engineer.user.id);
    assert.equal(accepted.ownerAccepted, true);
    assert.equal(accepted.state, 'in_progress');

    const other = await makeStaff(t, ['field_engineer']);
    assert.equal(
      (await other.client.post(`/api/cases/${c.id}/assign`, { assigneeId: other.user.id })).statusCode,
      403,
    );
    const transfer = await engineer.client.post(`/api/cases/${c.id}/assign`, {
      assigneeId: other.user.id,
      reason: '需要现场更换光模块',
    });
    assert.equal(transfer.statusCode, 200);
    const timeline = (await engineer.client.get(`/api/cases/${c.id}/entries`)).json().items;
    const last = timeline.at(-1);
    assert.equal(last.kind, 'assignment');
    assert.equal(last.visibility, 'internal');
    assert.equal(last.body, '需要现场更换光模块');
    assert.equal(last.data.transfer, true);

    const resolved = (await other.client.post(`/api/cases/${c.id}/transitions`, { to: 'resolved' })).json();
    assert.equal(resolved.state, 'resolved');
    assert.ok(resolved.resolvedAt);
  });

  test('cancel needs a reason; reopen only within the window', async () => {
    const customer = await makeCustomer(t);
    const c = (await open(hotline.client, { organisationId: customer.org.id })).json();
    const noReason = await hotline.client.post(`/api/cases/${c.id}/transitions`, { to: 'cancelled' });
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().errors[0].field, 'body.reason');
    assert.equal(noReason.json().errors[0].text, '此项变更须填写原因');
    // An English reader gets the English message as the text.
    const english = await makeStaff(t, ['hotline_operator']);
    assert.equal((await english.client.patch('/api/me', { locale: 'en' })).statusCode, 200);
    const inEnglish = await english.client.post(`/api/cases/${c.id}/transitions`, { to: 'cancelled' });
    assert.deepEqual(inEnglish.json().errors[0], {
      field: 'body.reason',
      message: 'a reason is required for this change',
      text: 'a reason is required for this change',
    });

    await hotline.client.post(`/api/cases/${c.id}/transitions`, { to: 'in_progress' });
    await hotline.client.post(`/api/cases/${c.id}/transitions`, { to: 'resolved' });
    const reopened = await customer.contact.client.post(`/api/cases/${c.id}/transitions`, {
      to: 'in_progress',
      reason: '问题复现',
    });
    assert.equal(reopened.statusCode, 200, reopened.body);
    await hotline.client.post(`/api/cases/${c.id}/transitions`, { to: 'resolved' });
    const saved = now;
    now = new Date(now.getTime() + 15 * 86_400_000);
    try {
      const late = await customer.contact.client.post(`/api/cases/${c.id}/transitions`, {
        to: 'in_progress',
        reason: '又坏了',
      });
      assert.equal(late.statusCode, 409);
      assert.deepEqual(
        (await customer.contact.client.get(`/api/cases/${c.id}`)).json().abilities.transitions,
        [{ to: 'closed', needsReason: false }],
      );
    } finally {
      now = saved;
    }
  });

  test('the first public reply or call by staff is the first response; a customer reply resumes work', async () => {
    const customer = await makeCustomer(t);
    const c = (await open(customer.contact.client, {})).json();
    await hotline.client.post(`/api/cases/${c.id}/entries`, { kind: 'note', body: '内部：先查日志' });
    assert.equal(
      (await hotline.client.get(`/api/cases/${c.id}`)).json().firstResponseAt,
      null,
      'a note is not a response',
    );
    const call = await hotline.client.post(`/api/cases/${c.id}/entries`, {
      kind: 'call',
      body: '已电话联系客户',
      direction: 'outbound',
      durationSeconds: 180,
    });
    assert.equal(call.statusCode, 201);
    assert.equal((await hotline.client.get(`/api/cases/${c.id}`)).json().firstResponseAt, now.toISOString());
    await hotline.client.post(`/api/cases/${c.id}/transitions`, { to: 'in_progress' });
    await hotline.client.post(`/api/cases/${c.id}/transitions`, { to: 'waiting_customer' });
    await customer.contact.client.post(`/api/cases/${c.id}/entries`, { kind: 'reply', body: '日志已上传' });
    assert.equal((await hotline.client.get(`/api/cases/${c.id}`)).json().state, 'in_progress');
  });

  test('vendor cases, links, watchers and merging a duplicate', async () => {
    const customer = await makeCustomer(t);
    const a = (await open(hotline.client, { organisationId: customer.org.id })).json();
    const b = (await open(hotline.client, { organisationId: customer.org.id })).json();
    const vc = await engineer.client.post(`/api/cases/${a.id}/vendor-cases`, {
      vendor: 'Cisco TAC',
      vendorCaseNumber: '698765432',
    });
    assert.equal(vc.statusCode, 201);
    const closedVc = await engineer.client.patch(`/api/vendor-cases/${vc.json().id}`, { status: 'closed' });
    assert.equal(closedVc.json().status, 'closed');
    assert.equal(
      (await engineer.client.post(`/api/cases/${a.id}/vendor-cases`, { vendor: 'H3C', status: 'requested' }))
        .statusCode,
      201,
    );
    assert.equal((await engineer.client.get(`/api/cases/${a.id}/vendor-cases`)).json().items.length, 2);
    const customerView = (await customer.contact.client.get(`/api/cases/${a.id}/entries`)).json().items;
    assert.ok(
      customerView.some(
        (e: { kind: string; data: { vendorCaseNumber?: string } }) =>
          e.kind === 'vendor_update' && e.data.vendorCaseNumber === '698765432',
      ),
    );

    assert.equal((await engineer.client.request('PUT', `/api/cases/${a.id}/watch`, {})).statusCode, 200);
    assert.equal(
      (await engineer.client.post(`/api/cases/${a.id}/links`, { otherCaseId: b.id })).statusCode,
      200,
    );
    const merged = await engineer.client.post(`/api/cases/${b.id}/merge`, {
      intoCaseId: a.id,
      reason: '同一故障重复报障',
    });
    assert.equal(merged.statusCode, 200, merged.body);
    const dup = (await engineer.client.get(`/api/cases/${b.id}`)).json();
    assert.equal(dup.state, 'closed');
    assert.equal(dup.mergedIntoId, a.id);
    assert.deepEqual(dup.abilities.transitions, []);
    const late = await engineer.client.post(`/api/cases/${b.id}/entries`, { kind: 'note', body: 'x' });
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().text, `此案例已合并到案例 ${a.id}，请在该案例中填写`);
  });
});

describe('customer side', () => {
  test('a contact opens for its own organisation; P1 from the portal says to phone the hotline too', async () => {
    const customer = await makeCustomer(t);
    const res = await open(customer.contact.client, { priority: 1 });
    assert.equal(res.statusCode, 201, res.body);
    const c = res.json();
    assert.equal(c.organisation.id, customer.org.id);
    assert.equal(c.channel, 'web');
    assert.equal(c.contact.id, customer.contact.contact.id);
    assert.equal(c.owner, null);
    assert.deepEqual(c.notice, { code: 'call_hotline', hotline: null });
    assert.equal((await open(customer.contact.client, { priority: 3 })).json().notice, null);
    const assign = await open(customer.contact.client, { assigneeId: engineer.user.id });
    assert.equal(assign.statusCode, 400);
  });

  test('a contact sees its organisation’s cases and public entries only, and nothing of another organisation', async () => {
    const mine = await makeCustomer(t);
    const theirs = await makeCustomer(t);
    const own = (await open(mine.contact.client, {})).json();
    const foreign = (
      await open(hotline.client, { organisationId: theirs.org.id, title: '他方机密故障' })
    ).json();
    await hotline.client.post(`/api/cases/${own.id}/entries`, {
      kind: 'note',
      body: '内部：客户设备过保，需商务确认',
    });
    await hotline.client.post(`/api/cases/${own.id}/entries`, {
      kind: 'reply',
      body: '您好，已收到，正在处理。',
    });

    const list = (await mine.contact.client.get('/api/cases')).json().items;
    assert.ok(list.length >= 1);
    assert.ok(list.every((c: { organisation: { id: number } }) => c.organisation.id === mine.org.id));
    const timeline = (await mine.contact.client.get(`/api/cases/${own.id}/entries`)).json().items;
    assert.ok(timeline.every((e: { visibility: string }) => e.visibility === 'public'));
    assert.ok(!JSON.stringify(timeline).includes('过保'));
    for (const [method, url, body] of [
      ['GET', `/api/cases/${foreign.id}`, undefined],
      ['GET', `/api/cases/${foreign.id}/entries`, undefined],
      ['POST', `/api/cases/${foreign.id}/entries`, { kind: 'reply', body: 'hi' }],
      ['POST', `/api/cases/${foreign.id}/transitions`, { to: 'closed', reason: 'x' }],
      ['GET', `/api/cases/${foreign.id}/vendor-cases`, undefined],
    ] as const) {
      const res = await mine.contact.client.request(method, url, body);
      assert.equal(res.statusCode, 404, `${method} ${url}`);
      assert.ok(!res.body.includes('他方机密故障'));
    }
    assert.equal(
      (await mine.contact.client.post(`/api/cases/${own.id}/entries`, { kind: 'note', body: 'x' }))
        .statusCode,
      403,
    );
  });

  test('the customer confirms a resolution, or asks to close with a reason', async () => {
    const customer = await makeCustomer(t);
    const a = (await open(customer.contact.client, {})).json();
    await hotline.client.post(`/api/cases/${a.id}/transitions`, { to: 'in_progress' });
    await hotline.client.post(`/api/cases/${a.id}/transitions`, { to: 'resolved' });
    const confirmed = await customer.contact.client.post(`/api/cases/${a.id}/transitions`, { to: 'closed' });
    assert.equal(confirmed.json().state, 'closed');
    const b = (await open(customer.contact.client, {})).json();
    const noReason = await customer.contact.client.post(`/api/cases/${b.id}/transitions`, { to: 'closed' });
    assert.equal(noReason.statusCode, 400);
    const asked = await customer.contact.client.post(`/api/cases/${b.id}/transitions`, {
      to: 'closed',
      reason: '问题已自行解决',
    });
    assert.equal(asked.json().state, 'closed');
    assert.equal(
      (await customer.contact.client.post(`/api/cases/${b.id}/transitions`, { to: 'resolved' })).statusCode,
      409,
    );
  });
});
