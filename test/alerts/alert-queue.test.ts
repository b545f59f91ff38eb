/**
 * The queue of unmatched alerts, worked by the hotline and the duty engineers as well as
 * administrators: an alert naming no known customer waits; someone names its customer (and
 * optionally the affected asset of that customer, whose serial the case carries and whose
 * contract the entitlement check judges) and its case opens; or someone dismisses it, saying why.
 * Alert sources stay administrators'; other staff and customers see no alert.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { createContract } from '../../src/modules/contracts/server/index.ts';
import { createTestApp, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';
import { makeCustomer, makeServiceLevel } from '../cases/case-builders.ts';
import { makeAsset } from '../contracts/contract-builders.ts';
import { alertmanagerPayload, monitoring, zabbixEvent } from './alert-samples.ts';

const now = new Date('2026-03-10T02:06:00Z');
let t: TestApp;
let admin: Awaited<ReturnType<typeof makeStaff>>;
let hotline: Awaited<ReturnType<typeof makeStaff>>;
let duty: Awaited<ReturnType<typeof makeStaff>>;
let seq = 0;

before(async () => {
  t = await createTestApp({}, {}, () => now);
  admin = await makeStaff(t, ['admin']);
  hotline = await makeStaff(t, ['hotline_operator']);
  duty = await makeStaff(t, ['duty_engineer']);
});
after(() => t.close());

async function makeSource(kind: 'alertmanager' | 'zabbix') {
  const res = await admin.client.post('/api/alert-sources', { name: `值班监控 ${++seq}`, kind });
  assert.equal(res.statusCode, 201, res.body);
  const source = res.json();
  return { ...source, client: monitoring(t, source.token) as Client };
}

/** One unmatched Alertmanager alert of its own problem; its id. */
async function unmatchedAlert(source: Awaited<ReturnType<typeof makeSource>>, startsAt?: string) {
  const res = await source.client.post(
    `/api/alerts/alertmanager/${source.id}`,
    alertmanagerPayload([
      {
        labels: { alertname: 'NodeDown', severity: 'critical', instance: `192.0.2.${++seq}:9100` },
        annotations: { summary: '主机无响应' },
        startsAt,
        fingerprint: `queue-${seq}`,
      },
    ]),
  );
  assert.equal(res.json().items[0].outcome, 'unmatched', res.body);
  return res.json().items[0].alertId as number;
}

const caseCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('support_case')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('who works the queue', () => {
  test('hotline operators and duty engineers read and handle alerts; sources stay with administrators', async () => {
    const source = await makeSource('alertmanager');
    const alertId = await unmatchedAlert(source);
    for (const staff of [hotline, duty]) {
      const list = await staff.client.get(`/api/alerts?state=unmatched&sourceId=${source.id}`);
      assert.equal(list.statusCode, 200, list.body);
      assert.deepEqual(
        list.json().items.map((a: { id: number }) => a.id),
        [alertId],
      );
      assert.equal((await staff.client.get(`/api/alerts/${alertId}`)).json().state, 'unmatched');
      assert.equal((await staff.client.get('/api/alert-sources')).statusCode, 403);
      assert.equal(
        (await staff.client.post('/api/alert-sources', { name: `x ${++seq}`, kind: 'zabbix' })).statusCode,
        403,
      );
    }
    const engineer = await makeStaff(t, ['tac_engineer']);
    assert.equal((await engineer.client.get('/api/alerts?state=unmatched')).statusCode, 403);
    // Refused before the input is read: a bad body still answers 403, and nothing changes.
    assert.equal((await engineer.client.post(`/api/alerts/${alertId}/dismiss`, {})).statusCode, 403);
    assert.equal(
      (await engineer.client.post(`/api/alerts/${alertId}/assign`, { organisationId: 1 })).statusCode,
      403,
    );
    const customer = await makeCustomer(t, { contract: false });
    assert.equal((await customer.contact.client.get(`/api/alerts/${alertId}`)).statusCode, 403);
    assert.equal((await admin.client.get(`/api/alerts/${alertId}`)).json().state, 'unmatched');
  });
});

describe('assigning an unmatched alert', () => {
  test('the hotline names the customer: the case opens and the repeats of the problem join it', async () => {
    const a = await makeCustomer(t);
    const source = await makeSource('alertmanager');
    const fingerprint = `unknown-${++seq}`;
    const alert = (startsAt: string) =>
      alertmanagerPayload([
        {
          labels: { alertname: 'NodeDown', severity: 'critical', instance: '192.0.2.77:9100' },
          annotations: { summary: '主机 192.0.2.77 无响应' },
          startsAt,
          fingerprint,
        },
      ]);
    const cases = await caseCount();
    const res = await source.client.post(
      `/api/alerts/alertmanager/${source.id}`,
      alert('2026-03-10T01:00:00Z'),
    );
    assert.equal(res.json().items[0].outcome, 'unmatched');
    // It fires again before anyone looked: still one problem waiting.
    await source.client.post(`/api/alerts/alertmanager/${source.id}`, alert('2026-03-10T01:30:00Z'));
    assert.equal(await caseCount(), cases);

    const waiting = (await hotline.client.get(`/api/alerts?state=unmatched&sourceId=${source.id}`)).json()
      .items;
    assert.equal(waiting.length, 2);
    assert.equal(waiting[0].device, '192.0.2.77:9100');
    assert.equal(waiting[0].organisation, null);

    const bad = await hotline.client.post(`/api/alerts/${waiting[1].id}/assign`, {
      organisationId: a.org.id,
      siteId: 999999,
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().errors[0].field, 'body.siteId');
    assert.equal(await caseCount(), cases);

    const assigned = await hotline.client.post(`/api/alerts/${waiting[1].id}/assign`, {
      organisationId: a.org.id,
      siteId: a.site.id,
    });
    assert.equal(assigned.statusCode, 200, assigned.body);
    assert.equal(assigned.json().state, 'assigned');
    assert.equal(assigned.json().organisation.id, a.org.id);
    assert.equal(assigned.json().handledBy.id, hotline.user.id);
    assert.equal(assigned.json().handledAt, now.toISOString());
    const c = (await admin.client.get(`/api/cases/${assigned.json().case.id}`)).json();
    assert.equal(c.channel, 'alert');
    assert.equal(c.organisation.id, a.org.id);
    assert.equal(c.siteId, a.site.id);
    assert.equal(c.assetSerial, null);
    assert.equal(c.priority, 1);
    assert.equal(c.title, '[告警 Alert] NodeDown @ 192.0.2.77:9100');
    assert.equal(
      (await admin.client.get(`/api/alerts?state=unmatched&sourceId=${source.id}`)).json().items.length,
      0,
    );
    const again = await duty.client.post(`/api/alerts/${waiting[0].id}/assign`, { organisationId: a.org.id });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().text, '告警已指派客户，只有未匹配客户的告警可以指派客户');

    // The next firing of that problem lands on the case now open.
    const repeat = await source.client.post(
      `/api/alerts/alertmanager/${source.id}`,
      alert('2026-03-10T02:00:00Z'),
    );
    assert.equal(repeat.json().items[0].outcome, 'repeated');
    assert.equal(repeat.json().items[0].case.id, c.id);
  });

  test('with an asset of the customer: the case carries its serial and site, and its contract decides', async () => {
    const a = await makeCustomer(t, { contract: false });
    const covered = await makeAsset(t, a.org.id, { serial: `FCW${++seq}Q0AB`, siteId: a.site.id });
    const uncovered = await makeAsset(t, a.org.id, { serial: `FCW${++seq}Q0CD` });
    // A contract for the one device only.
    const contractId = await createContract({
      db: t.db,
      ctx: SYSTEM_CONTEXT,
      input: {
        number: `HT-ALERT-${++seq}`,
        organisationId: a.org.id,
        serviceLevelId: await makeServiceLevel(t),
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        state: 'active',
        coversAllSites: false,
        siteIds: [],
        serials: [covered.serial],
      },
    });
    const source = await makeSource('alertmanager');

    const first = await unmatchedAlert(source);
    const assigned = await duty.client.post(`/api/alerts/${first}/assign`, {
      organisationId: a.org.id,
      assetSerial: covered.serial.toLowerCase(),
    });
    assert.equal(assigned.statusCode, 200, assigned.body);
    const c = (await duty.client.get(`/api/cases/${assigned.json().case.id}`)).json();
    assert.equal(c.assetSerial, covered.serial, 'the serial as registered');
    assert.equal(c.siteId, a.site.id, 'the asset’s site');
    assert.equal(c.serviceContractId, contractId);
    assert.equal(c.commercialHold, false);

    // A device of the customer that no contract covers: the case opens on commercial hold.
    const second = await unmatchedAlert(source);
    const held = await duty.client.post(`/api/alerts/${second}/assign`, {
      organisationId: a.org.id,
      assetSerial: uncovered.serial,
    });
    assert.equal(held.statusCode, 200, held.body);
    const heldCase = (await duty.client.get(`/api/cases/${held.json().case.id}`)).json();
    assert.equal(heldCase.assetSerial, uncovered.serial);
    assert.equal(heldCase.commercialHold, true);
  });

  test('a serial that is not the customer’s answers 400 naming the field, and nothing opens', async () => {
    const a = await makeCustomer(t);
    const b = await makeCustomer(t);
    const theirs = await makeAsset(t, b.org.id, { serial: `SN${++seq}OTHER` });
    const source = await makeSource('alertmanager');
    const alertId = await unmatchedAlert(source);
    const cases = await caseCount();
    for (const assetSerial of [theirs.serial, `NOSUCH${++seq}`]) {
      const res = await hotline.client.post(`/api/alerts/${alertId}/assign`, {
        organisationId: a.org.id,
        assetSerial,
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().errors[0].field, 'body.assetSerial');
      assert.equal(res.json().errors[0].text, '不是该客户台账中的设备');
    }
    const spaced = await hotline.client.post(`/api/alerts/${alertId}/assign`, {
      organisationId: a.org.id,
      assetSerial: 'FOC 123',
    });
    assert.equal(spaced.statusCode, 400);
    assert.equal(spaced.json().errors[0].field, 'body.assetSerial');
    assert.equal(await caseCount(), cases);
    assert.equal((await hotline.client.get(`/api/alerts/${alertId}`)).json().state, 'unmatched');
  });
});

describe('dismissing an unmatched alert', () => {
  test('a duty engineer dismisses it with a reason: kept on the alert, listed, and in the event', async () => {
    const source = await makeSource('zabbix');
    const res = await source.client.post(
      `/api/alerts/zabbix/${source.id}`,
      zabbixEvent({ eventId: '880001', triggerId: '880001', host: 'lab-test-01', tags: [] }),
    );
    const alertId = res.json().items[0].alertId;
    assert.equal(res.json().items[0].outcome, 'unmatched');

    for (const body of [{}, { reason: '   ' }, { reason: '误'.repeat(501) }]) {
      const bad = await duty.client.post(`/api/alerts/${alertId}/dismiss`, body);
      assert.equal(bad.statusCode, 400, bad.body);
      assert.equal(bad.json().errors[0].field, 'body.reason');
    }
    assert.equal((await duty.client.get(`/api/alerts/${alertId}`)).json().state, 'unmatched');

    const dismissed = await duty.client.post(`/api/alerts/${alertId}/dismiss`, {
      reason: '  测试告警：实验室设备 lab-test-01  ',
    });
    assert.equal(dismissed.statusCode, 200, dismissed.body);
    assert.equal(dismissed.json().state, 'dismissed');
    assert.equal(dismissed.json().dismissReason, '测试告警：实验室设备 lab-test-01');
    assert.equal(dismissed.json().handledBy.id, duty.user.id);

    const listed = (await hotline.client.get(`/api/alerts?state=dismissed&sourceId=${source.id}`)).json()
      .items;
    assert.deepEqual(
      listed.map((a: { id: number; dismissReason: string }) => [a.id, a.dismissReason]),
      [[alertId, '测试告警：实验室设备 lab-test-01']],
    );
    const events = (
      await admin.client.get(`/api/audit-events?subjectType=alert&subjectId=${alertId}`)
    ).json();
    const event = events.items.find((e: { type: string }) => e.type === 'alert.dismissed');
    assert.ok(event, JSON.stringify(events));
    assert.deepEqual(event.after, { state: 'dismissed', dismissReason: '测试告警：实验室设备 lab-test-01' });

    const twice = await hotline.client.post(`/api/alerts/${alertId}/dismiss`, { reason: '误报' });
    assert.equal(twice.statusCode, 409);
    assert.equal(
      (await hotline.client.get(`/api/alerts/${alertId}`)).json().dismissReason,
      '测试告警：实验室设备 lab-test-01',
    );
  });
});
