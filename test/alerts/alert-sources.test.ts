/**
 * Alert sources through the HTTP API: administrators only, defaults per kind, the token shown
 * once and stored as a digest, rotation, bad settings refused naming the field, deletion only of
 * a source that never delivered.
 */
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createTestApp,
  makeContactUser,
  makeOrganisation,
  makeStaff,
  type TestApp,
} from '../harness/test-app.ts';
import { monitoring, zabbixEvent } from './alert-samples.ts';

let t: TestApp;
let admin: Awaited<ReturnType<typeof makeStaff>>;
let seq = 0;
const name = () => `监控 ${++seq}`;

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' });
  admin = await makeStaff(t, ['admin']);
});
after(() => t.close());

const alertCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('alert')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('alert sources', () => {
  test('an administrator registers a source: kind defaults, the token once, only its digest stored', async () => {
    const org = await makeOrganisation(t);
    const res = await admin.client.post('/api/alert-sources', {
      name: '工行 Zabbix',
      kind: 'zabbix',
      organisationId: org.id,
    });
    assert.equal(res.statusCode, 201, res.body);
    const source = res.json();
    assert.match(source.token, /^tacalert_[A-Za-z0-9_-]{43}$/);
    assert.ok(source.token.startsWith(source.tokenPrefix));
    assert.equal(source.webhookPath, `/api/alerts/zabbix/${source.id}`);
    assert.deepEqual(source.organisation, { id: org.id, name: org.name });
    assert.equal(source.priorities.disaster, 1);
    assert.equal(source.priorities.high, 2);
    assert.equal(source.defaultPriority, 3);
    assert.equal(source.autoResolve, false);
    assert.deepEqual(source.mapping, { deviceFields: ['serial', 'host'], siteFields: ['site'] });

    const row = await t.db
      .selectFrom('alert_source')
      .select('token_hash')
      .where('id', '=', source.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.token_hash, crypto.createHash('sha256').update(source.token).digest('hex'));
    const listed = (await admin.client.get('/api/alert-sources')).json().items;
    assert.ok(listed.some((s: { id: number }) => s.id === source.id));
    assert.ok(!JSON.stringify(listed).includes(source.token));
    assert.equal((await admin.client.get(`/api/alert-sources/${source.id}`)).json().token, undefined);
  });

  test('severities are matched without case; the mapping and priorities are the administrator’s', async () => {
    const res = await admin.client.post('/api/alert-sources', {
      name: name(),
      kind: 'alertmanager',
      priorities: { Critical: 1, WARNING: 3 },
      defaultPriority: 4,
      autoResolve: true,
      mapping: { deviceFields: ['asset_serial'], siteFields: ['dc'] },
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json().priorities, { critical: 1, warning: 3 });
    assert.deepEqual(res.json().mapping, { deviceFields: ['asset_serial'], siteFields: ['dc'] });
    const changed = await admin.client.patch(`/api/alert-sources/${res.json().id}`, {
      autoResolve: false,
      mapping: { siteFields: ['site', 'dc'] },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().autoResolve, false);
    assert.deepEqual(changed.json().mapping, { deviceFields: ['asset_serial'], siteFields: ['site', 'dc'] });
  });

  test('bad settings answer 400 naming the field, and nothing is created', async () => {
    const before = (await admin.client.get('/api/alert-sources')).json().items.length;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: name(), kind: 'nagios' }, 'body.kind'],
      [{ name: name(), kind: 'alertmanager', priorities: { critical: 5 } }, 'body.priorities.critical'],
      [{ name: name(), kind: 'alertmanager', organisationId: 999999 }, 'body.organisationId'],
      [
        { name: name(), kind: 'alertmanager', mapping: { deviceFields: ['has space'] } },
        'body.mapping.deviceFields.0',
      ],
      [{ name: '', kind: 'zabbix' }, 'body.name'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.client.post('/api/alert-sources', body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.ok(
        res.json().errors.some((e: { field: string }) => e.field === field),
        `${field} in ${res.body}`,
      );
    }
    const taken = await admin.client.post('/api/alert-sources', { name: '工行 Zabbix', kind: 'zabbix' });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().errors[0].field, 'body.name');
    assert.equal(taken.json().errors[0].text, '已被其他告警源使用');
    assert.equal((await admin.client.get('/api/alert-sources')).json().items.length, before);
  });

  test('only administrators manage sources; customers are refused too', async () => {
    const hotline = await makeStaff(t, ['hotline_operator']);
    const org = await makeOrganisation(t);
    const contact = await makeContactUser(t, org.id);
    for (const client of [hotline.client, contact.client]) {
      assert.equal((await client.get('/api/alert-sources')).statusCode, 403);
      assert.equal(
        (await client.post('/api/alert-sources', { name: name(), kind: 'zabbix' })).statusCode,
        403,
      );
    }
  });

  test('rotating the token retires the old one at once', async () => {
    const source = (await admin.client.post('/api/alert-sources', { name: name(), kind: 'zabbix' })).json();
    const rotated = await admin.client.post(`/api/alert-sources/${source.id}/rotate-token`);
    assert.equal(rotated.statusCode, 200, rotated.body);
    assert.notEqual(rotated.json().token, source.token);
    assert.ok(rotated.json().tokenRotatedAt);
    const count = await alertCount();
    const old = await monitoring(t, source.token).post(`/api/alerts/zabbix/${source.id}`, zabbixEvent());
    assert.equal(old.statusCode, 401);
    assert.equal(await alertCount(), count);
    const fresh = await monitoring(t, rotated.json().token).post(
      `/api/alerts/zabbix/${source.id}`,
      zabbixEvent({ eventId: '9100001', triggerId: '9100001' }),
    );
    assert.equal(fresh.statusCode, 200, fresh.body);
  });

  test('an inactive source is refused (403) and records nothing; a source that delivered cannot be deleted', async () => {
    const source = (await admin.client.post('/api/alert-sources', { name: name(), kind: 'zabbix' })).json();
    const unused = (await admin.client.post('/api/alert-sources', { name: name(), kind: 'zabbix' })).json();
    const sent = await monitoring(t, source.token).post(
      `/api/alerts/zabbix/${source.id}`,
      zabbixEvent({ eventId: '9200001', triggerId: '9200001' }),
    );
    assert.equal(sent.statusCode, 200, sent.body);

    await admin.client.patch(`/api/alert-sources/${source.id}`, { active: false });
    const count = await alertCount();
    const refused = await monitoring(t, source.token).post(
      `/api/alerts/zabbix/${source.id}`,
      zabbixEvent({ eventId: '9200002', triggerId: '9200002' }),
    );
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(await alertCount(), count);

    const kept = await admin.client.request('DELETE', `/api/alert-sources/${source.id}`);
    assert.equal(kept.statusCode, 409, kept.body);
    const gone = await admin.client.request('DELETE', `/api/alert-sources/${unused.id}`);
    assert.equal(gone.statusCode, 204, gone.body);
    assert.equal((await admin.client.get(`/api/alert-sources/${unused.id}`)).statusCode, 404);
  });
});
