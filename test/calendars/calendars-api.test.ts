/**
 * Business calendars through the HTTP boundary: the defaults a fresh installation gets, who may
 * read and change them, validation that names the field and changes nothing, and the holiday
 * coverage warning as the clock moves.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createTestApp,
  makeContactUser,
  makeOrganisation,
  makeStaff,
  type Client,
  type TestApp,
} from '../harness/test-app.ts';
import { ensureDefaultCalendars } from '../../src/modules/calendars/server/index.ts';
import { DEFAULT_WEEKLY_HOURS } from '../../src/modules/calendars/calendar-hours.ts';

let t: TestApp;
let now = new Date('2026-06-01T10:00:00+08:00');
let admin: Client;
let engineer: Client;

before(async () => {
  t = await createTestApp({}, {}, () => now);
  admin = (await makeStaff(t, ['admin'])).client;
  engineer = (await makeStaff(t, ['tac_engineer'])).client;
});
after(() => t.close());

let seq = 0;
/** A calendar of this test's own (5×8 office hours unless told otherwise). */
async function makeCalendar(body: Record<string, unknown> = {}) {
  const res = await admin.post('/api/calendars', {
    code: `T${++seq}-${Date.now().toString(36)}`,
    name: '测试日历',
    nameEn: 'Test calendar',
    ...body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

const byCode = async (code: string) =>
  (await engineer.get('/api/calendars')).json().items.find((c: { code: string }) => c.code === code);

test('a fresh installation gets 7x24 and 5x8 with the Chinese holidays, once', async () => {
  assert.deepEqual(await ensureDefaultCalendars({ db: t.db }), { created: ['7x24', '5x8'] });
  assert.deepEqual(await ensureDefaultCalendars({ db: t.db }), { created: [] });

  const always = await byCode('7x24');
  assert.equal(always.name, '全天候 7×24');
  assert.equal(always.nameEn, 'Around the clock 7×24');
  assert.equal(always.alwaysOpen, true);
  const office = await byCode('5x8');
  assert.equal(office.name, '工作日 5×8');
  assert.equal(office.timeZone, 'Asia/Shanghai');
  assert.equal(office.alwaysOpen, false);
  assert.deepEqual(office.weeklyHours['1'], [
    ['09:00', '12:00'],
    ['13:00', '18:00'],
  ]);
  assert.deepEqual(office.weeklyHours['7'], []);
  assert.deepEqual(office.abilities, { update: false }, 'an engineer may read, not change');

  const year = (await engineer.get(`/api/calendars/${office.id}?year=2026`)).json();
  assert.equal(year.year, 2026);
  const day = (date: string) => year.days.find((d: { date: string }) => d.date === date);
  assert.deepEqual(day('2026-10-01'), {
    date: '2026-10-01',
    kind: 'holiday',
    name: '国庆节',
    nameEn: 'National Day',
  });
  assert.equal(day('2026-10-10').kind, 'workday');
  assert.equal(day('2026-10-10').name, '国庆节调休上班');
  assert.equal(day('2026-02-14').kind, 'workday', 'the Spring Festival make-up Saturday');
  const oldest = (await engineer.get(`/api/calendars/${office.id}?year=2004`)).json();
  assert.ok(oldest.days.length > 20, 'the data goes back to 2004');

  const events = (await admin.get('/api/audit-events?subjectType=business_calendar')).json().items;
  assert.deepEqual(events.map((e: { type: string }) => e.type).sort(), [
    'calendar.created',
    'calendar.created',
    'calendar.days_imported',
  ]);
});

test('customer contacts are refused; staff without the admin role cannot change calendars', async () => {
  const contact = await makeContactUser(t, (await makeOrganisation(t)).id);
  const calendar = await makeCalendar();
  assert.equal((await contact.client.get('/api/calendars')).statusCode, 403);
  assert.equal((await contact.client.get(`/api/calendars/${calendar.id}`)).statusCode, 403);
  assert.equal((await engineer.get(`/api/calendars/${calendar.id}`)).statusCode, 200);
  assert.equal((await engineer.patch(`/api/calendars/${calendar.id}`, { name: '改名' })).statusCode, 403);
  assert.equal(
    (await engineer.post('/api/calendars', { code: 'x', name: 'x', nameEn: 'x' })).statusCode,
    403,
  );
  assert.equal((await admin.get('/api/calendars/999999')).statusCode, 404);
});

test('editing the hours is audited with before and after', async () => {
  const calendar = await makeCalendar();
  const saturdayMornings = { ...DEFAULT_WEEKLY_HOURS, '6': [['09:00', '12:00']] };
  const res = await admin.request(
    'PATCH',
    `/api/calendars/${calendar.id}`,
    { weeklyHours: saturdayMornings, timeZone: 'asia/urumqi', nameEn: 'Six days' },
    { 'x-request-id': 'calendar-hours-1' },
  );
  assert.equal(res.statusCode, 200, res.body);
  const updated = res.json();
  assert.deepEqual(updated.weeklyHours['6'], [['09:00', '12:00']]);
  assert.equal(updated.timeZone, 'Asia/Urumqi');
  assert.equal(updated.revision, calendar.revision + 1);
  assert.equal(updated.abilities.update, true);

  const events = (
    await admin.get(`/api/audit-events?subjectType=business_calendar&subjectId=${calendar.id}`)
  ).json().items;
  const change = events.find((e: { type: string }) => e.type === 'calendar.updated');
  assert.equal(change.requestId, 'calendar-hours-1');
  assert.deepEqual(change.before.weekly_hours['6'], []);
  assert.deepEqual(change.after.weekly_hours['6'], [['09:00', '12:00']]);
  assert.equal(change.before.time_zone, 'Asia/Shanghai');
  assert.equal(change.after.time_zone, 'Asia/Urumqi');
});

test('a bad interval or time zone is a 400 naming the field, and changes nothing', async () => {
  const calendar = await makeCalendar();
  const week = (day: string, hours: unknown) => ({ weeklyHours: { ...DEFAULT_WEEKLY_HOURS, [day]: hours } });
  const cases: Array<[unknown, string]> = [
    [week('2', [['13:00', '12:00']]), 'body.weeklyHours.2.0'],
    [
      week('3', [
        ['09:00', '12:00'],
        ['11:00', '13:00'],
      ]),
      'body.weeklyHours.3.1',
    ],
    [
      week('4', [
        ['13:00', '18:00'],
        ['09:00', '12:00'],
      ]),
      'body.weeklyHours.4.1',
    ],
    [week('1', [['9:00', '12:00']]), 'body.weeklyHours.1.0'],
    [week('5', [['09:00', '24:30']]), 'body.weeklyHours.5.0'],
    [{ weeklyHours: { '1': [['09:00', '12:00']] } }, 'body.weeklyHours'],
    [{ workdayHours: [['25:00', '26:00']] }, 'body.workdayHours.0'],
    [{ timeZone: 'Mars/Olympus_Mons' }, 'body.timeZone'],
    [{ timeZone: '+08:00' }, 'body.timeZone'],
    [
      { weeklyHours: Object.fromEntries(Object.keys(DEFAULT_WEEKLY_HOURS).map((d) => [d, []])) },
      'body.weeklyHours',
    ],
  ];
  const auditBefore = (await admin.get('/api/audit-events?type=calendar.updated')).json().items.length;
  for (const [body, field] of cases) {
    const res = await admin.patch(`/api/calendars/${calendar.id}`, body);
    assert.equal(res.statusCode, 400, `${JSON.stringify(body)} → ${res.body}`);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    assert.ok(
      fields.some((f: string) => f === field || f.startsWith(`${field}.`)),
      `${field} in ${fields}`,
    );
  }
  // A refinement's own message reads in zh-CN too.
  const interval = await admin.patch(`/api/calendars/${calendar.id}`, week('5', [['09:00', '24:30']]));
  assert.equal(interval.json().errors[0].text, '结束时间 24:30 应在 00:01 到 24:00 之间');
  const unchanged = (await admin.get(`/api/calendars/${calendar.id}`)).json();
  assert.equal(unchanged.revision, calendar.revision);
  assert.deepEqual(unchanged.weeklyHours, calendar.weeklyHours);
  assert.equal(unchanged.timeZone, 'Asia/Shanghai');
  assert.equal((await admin.get('/api/audit-events?type=calendar.updated')).json().items.length, auditBefore);

  const taken = await admin.patch(`/api/calendars/${calendar.id}`, { code: '5x8' });
  assert.equal(taken.statusCode, 409);
  assert.equal(taken.json().errors[0].field, 'body.code');
  assert.equal(taken.json().errors[0].text, '代码已被使用');
  assert.equal(taken.json().text, '日历代码 5x8 已被使用');
});

test('the coverage warning appears when the clock moves into the last 60 days of the data', async () => {
  await ensureDefaultCalendars({ db: t.db });
  now = new Date('2026-06-01T10:00:00+08:00');
  const june = await byCode('5x8');
  assert.deepEqual(june.coverage, { coveredUntil: '2026-12-31', warning: false, missingYears: [] });

  now = new Date('2026-11-15T10:00:00+08:00'); // 60 days later is 2027-01-14
  const november = await byCode('5x8');
  assert.deepEqual(november.coverage, { coveredUntil: '2026-12-31', warning: true, missingYears: [2027] });
  assert.equal((await engineer.get(`/api/calendars/${november.id}`)).json().coverage.warning, true);
  assert.equal((await byCode('7x24')).coverage.warning, false, '7×24 needs no holidays');

  now = new Date('2026-11-01T10:00:00+08:00'); // 60 days later is still 2026-12-31
  assert.equal((await byCode('5x8')).coverage.warning, false);

  // Importing the next year's notice clears the warning.
  now = new Date('2026-11-15T10:00:00+08:00');
  const fresh = await makeCalendar();
  assert.deepEqual(fresh.coverage, { coveredUntil: null, warning: true, missingYears: [2026, 2027] });
  for (const year of [2026, 2027]) {
    const res = await admin.post(`/api/calendars/${fresh.id}/days/import`, {
      year,
      text: `${year}-01-01 holiday 元旦 | New Year's Day`,
    });
    assert.equal(res.statusCode, 200, res.body);
  }
  assert.deepEqual((await admin.get(`/api/calendars/${fresh.id}`)).json().coverage, {
    coveredUntil: '2027-12-31',
    warning: false,
    missingYears: [],
  });
});
