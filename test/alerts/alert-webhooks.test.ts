/**
 * Monitoring alerts through the webhooks, with real Alertmanager and Zabbix payloads: a case per
 * new problem for the customer its device or site names, repeats and recoveries on the open case,
 * duplicates recorded once, and refusals (token, payload) that record nothing. The queue of
 * unmatched alerts people work is in alert-queue.test.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { addSite } from '../../src/modules/organisations/server/commands/save-site.ts';
import { createTestApp, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';
import { makeCustomer } from '../cases/case-builders.ts';
import { makeAsset } from '../contracts/contract-builders.ts';
import { alertmanagerPayload, monitoring, twoAlerts, zabbixEvent } from './alert-samples.ts';

const now = new Date('2026-03-10T02:06:00Z');
let t: TestApp;
let admin: Awaited<ReturnType<typeof makeStaff>>;
let seq = 0;

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, () => now);
  admin = await makeStaff(t, ['admin']);
});
after(() => t.close());

async function makeSource(body: Record<string, unknown>) {
  const res = await admin.client.post('/api/alert-sources', { name: `监控源 ${++seq}`, ...body });
  assert.equal(res.statusCode, 201, res.body);
  const source = res.json();
  return { ...source, client: monitoring(t, source.token) as Client };
}

const count = async (table: 'alert' | 'support_case' | 'case_entry') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const uniqueSerial = () => `FOC${Date.now().toString(36).toUpperCase()}${++seq}`;

describe('Alertmanager', () => {
  test('two alerts of one group open two cases: one by asset serial, one by site name', async () => {
    const a = await makeCustomer(t);
    const b = await makeCustomer(t);
    const serial = uniqueSerial();
    await makeAsset(t, a.org.id, { serial, siteId: a.site.id });
    const siteName = `亦庄机房 ${++seq}`;
    const bSite = await addSite({
      db: t.db,
      ctx: SYSTEM_CONTEXT,
      organisationId: b.org.id,
      input: { name: siteName },
    });
    const source = await makeSource({ kind: 'alertmanager' });

    const res = await source.client.post(
      `/api/alerts/alertmanager/${source.id}`,
      twoAlerts({ serial: serial.toLowerCase(), site: siteName.toUpperCase() }),
    );
    assert.equal(res.statusCode, 200, res.body);
    const [first, second] = res.json().items;
    assert.equal(first.outcome, 'opened');
    assert.equal(second.outcome, 'opened');
    assert.match(first.case.number, /^TAC-2026-\d{6}$/);

    const switchCase = (await admin.client.get(`/api/cases/${first.case.id}`)).json();
    assert.equal(switchCase.organisation.id, a.org.id);
    assert.equal(switchCase.siteId, a.site.id);
    assert.equal(switchCase.assetSerial, serial);
    assert.equal(switchCase.channel, 'alert');
    assert.equal(switchCase.priority, 1); // critical
    assert.equal(switchCase.serviceContractId, a.contractId);
    // The serial as registered, though the label had it in lower case.
    assert.equal(switchCase.title, `[告警 Alert] InterfaceDown @ ${serial}`);
    assert.match(
      switchCase.description,
      /^核心交换机端口 Gi1\/0\/24 中断\nInterface GigabitEthernet1\/0\/24/,
    );
    assert.match(switchCase.description, /标签 \/ Labels:[\s\S]*ifName = GigabitEthernet1\/0\/24/);
    assert.match(switchCase.description, /链接 \/ Link: http:\/\/prometheus\.dc1\.example/);

    const diskCase = (await admin.client.get(`/api/cases/${second.case.id}`)).json();
    assert.equal(diskCase.organisation.id, b.org.id);
    assert.equal(diskCase.siteId, bSite.id);
    assert.equal(diskCase.priority, 3); // warning
    assert.equal(diskCase.title, '[告警 Alert] HighDiskUsage @ db-01:9100');

    // The customer sees its own case, opened by monitoring.
    const own = await a.contact.client.get(`/api/cases/${first.case.id}`);
    assert.equal(own.statusCode, 200);
    assert.equal((await a.contact.client.get(`/api/cases/${second.case.id}`)).statusCode, 404);

    const kept = (await admin.client.get(`/api/alerts?sourceId=${source.id}`)).json().items;
    assert.equal(kept.length, 2);
    const kept1 = kept.find((x: { fingerprint: string }) => x.fingerprint === 'a1b2c3d4e5f60718');
    assert.equal(kept1.state, 'opened');
    assert.equal(kept1.labels.ifName, 'GigabitEthernet1/0/24');
    assert.equal(kept1.organisation.id, a.org.id);
    assert.equal(kept1.case.number, first.case.number);
    assert.equal(kept1.startsAt, '2026-03-10T02:05:00.123Z');
  });

  test('the same delivery twice records once', async () => {
    const a = await makeCustomer(t);
    const serial = uniqueSerial();
    await makeAsset(t, a.org.id, { serial });
    const source = await makeSource({ kind: 'alertmanager', organisationId: a.org.id });
    const payload = twoAlerts({ serial, site: 'nowhere' });
    assert.equal(
      (await source.client.post(`/api/alerts/alertmanager/${source.id}`, payload)).statusCode,
      200,
    );
    const counts = [await count('alert'), await count('support_case'), await count('case_entry')];
    const again = await source.client.post(`/api/alerts/alertmanager/${source.id}`, payload);
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(
      again.json().items.map((i: { outcome: string }) => i.outcome),
      ['duplicate', 'duplicate'],
    );
    assert.ok(again.json().items.every((i: { case: unknown }) => i.case !== null));
    assert.deepEqual([await count('alert'), await count('support_case'), await count('case_entry')], counts);
  });

  test('firing again on an open case is an internal note with the count, then the recovery is noted', async () => {
    const a = await makeCustomer(t);
    const serial = uniqueSerial();
    await makeAsset(t, a.org.id, { serial, siteId: a.site.id });
    const source = await makeSource({ kind: 'alertmanager' });
    const alert = (startsAt: string, status: 'firing' | 'resolved' = 'firing') =>
      alertmanagerPayload(
        [
          {
            status,
            labels: { alertname: 'PowerSupplyFailed', severity: 'critical', serial },
            annotations: { summary: '电源模块 PS2 故障' },
            startsAt,
            ...(status === 'resolved' && { endsAt: '2026-03-10T03:00:00Z' }),
            fingerprint: `ps2-${serial}`,
          },
        ],
        status,
      );
    const opened = (
      await source.client.post(`/api/alerts/alertmanager/${source.id}`, alert('2026-03-10T02:00:00Z'))
    ).json().items[0];
    assert.equal(opened.outcome, 'opened');
    const caseCount = await count('support_case');

    // Flapping: resolved, then firing again from a new start, twice.
    const resolved = await source.client.post(
      `/api/alerts/alertmanager/${source.id}`,
      alert('2026-03-10T02:00:00Z', 'resolved'),
    );
    assert.equal(resolved.json().items[0].outcome, 'resolved');
    for (const startsAt of ['2026-03-10T02:20:00Z', '2026-03-10T02:40:00Z']) {
      const res = await source.client.post(`/api/alerts/alertmanager/${source.id}`, alert(startsAt));
      assert.equal(res.json().items[0].outcome, 'repeated');
      assert.equal(res.json().items[0].case.id, opened.case.id);
    }
    assert.equal(await count('support_case'), caseCount);

    const entries = (await admin.client.get(`/api/cases/${opened.case.id}/entries`)).json().items;
    const notes = entries.filter((e: { kind: string }) => e.kind === 'note');
    assert.deepEqual(
      notes.map((n: { body: string }) => n.body),
      [
        '告警已恢复 / Alert resolved 2026-03-10T03:00:00.000Z',
        '告警再次触发（第 2 次）/ Alert fired again (2 times) 2026-03-10T02:20:00.000Z',
        '告警再次触发（第 3 次）/ Alert fired again (3 times) 2026-03-10T02:40:00.000Z',
      ],
    );
    assert.ok(notes.every((n: { visibility: string }) => n.visibility === 'internal'));
    assert.match(notes[0].author.label, /Alert source/);
    // Not resolved automatically: the source does not say so.
    assert.equal((await admin.client.get(`/api/cases/${opened.case.id}`)).json().state, 'new');
    // The customer sees the case but none of the internal notes.
    const theirs = (await a.contact.client.get(`/api/cases/${opened.case.id}/entries`)).json().items;
    assert.ok(theirs.every((e: { kind: string }) => e.kind !== 'note'));
  });

  test('a source that says so resolves the case when the alert recovers; a later firing opens a new case', async () => {
    const a = await makeCustomer(t);
    const source = await makeSource({ kind: 'alertmanager', organisationId: a.org.id, autoResolve: true });
    const alert = (status: 'firing' | 'resolved', startsAt: string) =>
      alertmanagerPayload(
        [
          {
            status,
            labels: { alertname: 'BGPSessionDown', severity: 'error', instance: 'edge-rt-01' },
            annotations: { description: 'BGP peer 203.0.113.1 down' },
            startsAt,
            fingerprint: 'bgp-edge-rt-01',
          },
        ],
        status,
      );
    const opened = (
      await source.client.post(
        `/api/alerts/alertmanager/${source.id}`,
        alert('firing', '2026-03-10T01:00:00Z'),
      )
    ).json().items[0];
    const c = (await admin.client.get(`/api/cases/${opened.case.id}`)).json();
    assert.equal(c.organisation.id, a.org.id); // the source's customer: no asset, no site
    assert.equal(c.priority, 2); // error
    const res = await source.client.post(
      `/api/alerts/alertmanager/${source.id}`,
      alert('resolved', '2026-03-10T01:00:00Z'),
    );
    assert.equal(res.json().items[0].outcome, 'resolved');
    const after = (await admin.client.get(`/api/cases/${opened.case.id}`)).json();
    assert.equal(after.state, 'resolved');
    const entries = (await a.contact.client.get(`/api/cases/${opened.case.id}/entries`)).json().items;
    const change = entries.filter((e: { kind: string }) => e.kind === 'state_change').at(-1);
    assert.equal(change.body, '告警已恢复 / Alert resolved');

    const again = await source.client.post(
      `/api/alerts/alertmanager/${source.id}`,
      alert('firing', '2026-03-10T05:00:00Z'),
    );
    assert.equal(again.json().items[0].outcome, 'opened');
    assert.notEqual(again.json().items[0].case.id, opened.case.id);
  });

  test('a customer’s source matches only within that customer', async () => {
    const a = await makeCustomer(t);
    const b = await makeCustomer(t);
    const bSerial = uniqueSerial();
    await makeAsset(t, b.org.id, { serial: bSerial });
    const source = await makeSource({ kind: 'alertmanager', organisationId: a.org.id });
    const res = await source.client.post(
      `/api/alerts/alertmanager/${source.id}`,
      alertmanagerPayload([
        { labels: { alertname: 'FanFailure', serial: bSerial }, fingerprint: `fan-${bSerial}` },
      ]),
    );
    const c = (await admin.client.get(`/api/cases/${res.json().items[0].case.id}`)).json();
    assert.equal(c.organisation.id, a.org.id);
    assert.equal(c.siteId, null);
    assert.equal((await b.contact.client.get(`/api/cases/${c.id}`)).statusCode, 404);
  });
});

describe('Zabbix', () => {
  test('a problem opens a case by the serial tag, a new event of its trigger repeats, the recovery is noted', async () => {
    const a = await makeCustomer(t);
    const serial = uniqueSerial();
    await makeAsset(t, a.org.id, { serial, siteId: a.site.id, vendor: 'Huawei', model: 'OceanStor 5310' });
    const source = await makeSource({ kind: 'zabbix' });
    const event = (o: Record<string, unknown>) =>
      zabbixEvent({ tags: [{ tag: 'serial', value: serial }], triggerId: `7${++seq}`, ...o });
    const problem = event({});
    const res = await source.client.post(`/api/alerts/zabbix/${source.id}`, problem);
    assert.equal(res.statusCode, 200, res.body);
    const item = res.json().items[0];
    assert.equal(item.outcome, 'opened');
    assert.equal(item.fingerprint, `trigger:${problem.triggerId}`);
    const c = (await admin.client.get(`/api/cases/${item.case.id}`)).json();
    assert.equal(c.organisation.id, a.org.id);
    assert.equal(c.assetSerial, serial);
    assert.equal(c.priority, 2); // High
    assert.equal(c.title, `[告警 Alert] Storage controller B is not responding @ ${serial}`);
    assert.match(c.description, /^Storage controller B is not responding\nController B heartbeat lost/);
    assert.match(c.description, /hostIp = 10\.30\.0\.15/);

    // Zabbix retries the same event: recorded once.
    const dup = await source.client.post(`/api/alerts/zabbix/${source.id}`, problem);
    assert.equal(dup.json().items[0].outcome, 'duplicate');
    // The trigger fires again as a new event while the case is open.
    const repeat = await source.client.post(`/api/alerts/zabbix/${source.id}`, {
      ...problem,
      eventId: '4471999',
      eventTime: '2026-03-10T11:00:00+08:00',
    });
    assert.equal(repeat.json().items[0].outcome, 'repeated');
    const recovery = await source.client.post(`/api/alerts/zabbix/${source.id}`, {
      ...problem,
      eventId: '4471999',
      status: 'RESOLVED',
      recoveryTime: '2026-03-10T11:20:00+08:00',
    });
    assert.equal(recovery.json().items[0].outcome, 'resolved');
    const notes = (await admin.client.get(`/api/cases/${c.id}/entries`))
      .json()
      .items.filter((e: { kind: string }) => e.kind === 'note');
    assert.equal(notes.length, 2);
    assert.match(notes[0].body, /^告警再次触发（第 2 次）\/ Alert fired again \(2 times\)/);
    assert.match(notes[1].body, /^告警已恢复 \/ Alert resolved 2026-03-10T03:20:00\.000Z$/);
  });

  test('without a trigger id each event stands alone; Disaster is P1 by default', async () => {
    const a = await makeCustomer(t);
    const source = await makeSource({ kind: 'zabbix', organisationId: a.org.id });
    const first = await source.client.post(
      `/api/alerts/zabbix/${source.id}`,
      zabbixEvent({ eventId: '5500001', triggerId: undefined, severity: 'Disaster', tags: [] }),
    );
    const second = await source.client.post(
      `/api/alerts/zabbix/${source.id}`,
      zabbixEvent({ eventId: '5500002', triggerId: undefined, severity: 'Disaster', tags: [] }),
    );
    assert.equal(first.json().items[0].outcome, 'opened');
    assert.equal(second.json().items[0].outcome, 'opened');
    assert.notEqual(first.json().items[0].case.id, second.json().items[0].case.id);
    assert.equal((await admin.client.get(`/api/cases/${first.json().items[0].case.id}`)).json().priority, 1);
  });
});

describe('refusals', () => {
  test('a missing, wrong or other source’s token answers 401 and records nothing', async () => {
    const a = await makeCustomer(t);
    const source = await makeSource({ kind: 'alertmanager', organisationId: a.org.id });
    const other = await makeSource({ kind: 'alertmanager' });
    const zabbix = await makeSource({ kind: 'zabbix' });
    const payload = twoAlerts({ serial: 'X', site: 'Y' });
    const counts = [await count('alert'), await count('support_case')];
    const url = `/api/alerts/alertmanager/${source.id}`;
    for (const token of [null, 'tacalert_wrong', other.token, `${source.token}x`]) {
      const res = await monitoring(t, token).post(url, payload);
      assert.equal(res.statusCode, 401, `${token}: ${res.body}`);
      assert.equal(res.json().code, 'unauthenticated');
    }
    // A staff session is not a source token either.
    assert.equal((await admin.client.post(url, payload)).statusCode, 401);
    // Unknown source, and a source of the other kind with a token that is not its own.
    assert.equal((await source.client.post('/api/alerts/alertmanager/999999', payload)).statusCode, 401);
    assert.equal(
      (await source.client.post(`/api/alerts/zabbix/${zabbix.id}`, zabbixEvent())).statusCode,
      401,
    );
    // Its own token on the other kind's webhook: told where to post.
    const wrongKind = await source.client.post(`/api/alerts/zabbix/${source.id}`, zabbixEvent());
    assert.equal(wrongKind.statusCode, 404);
    assert.match(wrongKind.json().detail, /alertmanager/);
    // The token is checked before the payload: a bad payload without a token is still 401.
    assert.equal((await monitoring(t, null).post(url, { nonsense: true })).statusCode, 401);
    assert.deepEqual([await count('alert'), await count('support_case')], counts);
  });

  test('a bad payload answers 400 naming the field, and none of its alerts is recorded', async () => {
    const a = await makeCustomer(t);
    const source = await makeSource({ kind: 'alertmanager', organisationId: a.org.id });
    const zabbix = await makeSource({ kind: 'zabbix', organisationId: a.org.id });
    const counts = [await count('alert'), await count('support_case')];
    const good = twoAlerts({ serial: 'X', site: 'Y' });
    const broken: Array<[string, unknown, string]> = [
      [
        'alertmanager',
        { ...good, alerts: [good.alerts[0], { ...good.alerts[1], fingerprint: '' }] },
        'body.alerts.1.fingerprint',
      ],
      [
        'alertmanager',
        { ...good, alerts: [{ ...good.alerts[0], labels: { severity: 'critical' } }] },
        'body.alerts.0.labels.alertname',
      ],
      [
        'alertmanager',
        { ...good, alerts: [{ ...good.alerts[0], startsAt: 'yesterday' }] },
        'body.alerts.0.startsAt',
      ],
      ['alertmanager', { ...good, version: '3' }, 'body.version'],
      ['alertmanager', { ...good, alerts: [] }, 'body.alerts'],
      ['zabbix', zabbixEvent({ severity: 'Critical' }), 'body.severity'],
      ['zabbix', zabbixEvent({ status: 'OK' }), 'body.status'],
      ['zabbix', zabbixEvent({ eventId: 'abc' }), 'body.eventId'],
      ['zabbix', zabbixEvent({ eventTime: '2026.03.10 10:12:43' }), 'body.eventTime'],
    ];
    for (const [kind, body, field] of broken) {
      const s = kind === 'zabbix' ? zabbix : source;
      const res = await s.client.post(`/api/alerts/${kind}/${s.id}`, body);
      assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
      assert.ok(
        res.json().errors.some((e: { field: string }) => e.field === field),
        `${field} in ${res.body}`,
      );
    }
    const notJson = await t.app.inject({
      method: 'POST',
      url: `/api/alerts/alertmanager/${source.id}`,
      headers: { authorization: `Bearer ${source.token}`, 'content-type': 'application/json' },
      payload: '{"version": "4", "alerts": [',
    });
    assert.equal(notJson.statusCode, 400);
    assert.deepEqual([await count('alert'), await count('support_case')], counts);
  });
});

describe('over a real socket', () => {
  test('Alertmanager posting with its own headers reaches TACdesk', async () => {
    const a = await makeCustomer(t);
    const source = await makeSource({ kind: 'alertmanager', organisationId: a.org.id });
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/api/alerts/alertmanager/${source.id}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Alertmanager/0.27.0',
        authorization: `Bearer ${source.token}`,
      },
      body: JSON.stringify(
        alertmanagerPayload([
          { labels: { alertname: 'UPSOnBattery', severity: 'critical' }, fingerprint: `ups-${++seq}` },
        ]),
      ),
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { items: Array<{ outcome: string; case: { number: string } }> };
    assert.equal(body.items[0]!.outcome, 'opened');
    const row = await sql<{
      n: string;
    }>`select count(*) as n from alert where source_id = ${source.id}`.execute(t.db);
    assert.equal(Number(row.rows[0]!.n), 1);
  });
});
