/**
 * Holidays and make-up working days: a year imported from the plain-text format (over HTTP and
 * from the CLI handler), all or nothing; single days set and removed; and the calculators'
 * CalendarSpec following every change.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestApp, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';
import { loadCalendarSpec, runCalendarImportCommand } from '../../src/modules/calendars/server/index.ts';
import { addBusinessMinutes } from '../../src/modules/calendars/business-time.ts';
import { at, beijing } from './calendar-specs.ts';

let t: TestApp;
let admin: Client;
let dir: string;

before(async () => {
  t = await createTestApp();
  admin = (await makeStaff(t, ['admin'])).client;
  dir = await mkdtemp(path.join(tmpdir(), 'tacdesk-calendar-'));
});
after(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

let seq = 0;
async function makeCalendar() {
  const res = await admin.post('/api/calendars', {
    code: `D${++seq}`,
    name: '节假日测试',
    nameEn: 'Holiday test',
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: number; code: string; revision: number };
}
const daysOf = async (id: number, year: number) =>
  (await admin.get(`/api/calendars/${id}?year=${year}`))
    .json()
    .days.map((d: { date: string; kind: string }) => `${d.date} ${d.kind}`);

const NOTICE_2027 = `# 国务院办公厅关于2027年部分节假日安排的通知（示例）
2027-01-01 holiday 元旦 | New Year's Day

2027-02-06 holiday 春节 | Spring Festival   # 除夕
2027-02-07 holiday 春节 | Spring Festival
2027-02-20 workday 春节调休上班 | Spring Festival make-up working day
`;

test('a year is imported from text, and importing it again replaces it', async () => {
  const calendar = await makeCalendar();
  const first = await admin.post(`/api/calendars/${calendar.id}/days/import`, {
    year: 2027,
    text: NOTICE_2027,
  });
  assert.equal(first.statusCode, 200, first.body);
  const imported = first.json();
  assert.equal(imported.year, 2027);
  assert.deepEqual(imported.days[0], {
    date: '2027-01-01',
    kind: 'holiday',
    name: '元旦',
    nameEn: "New Year's Day",
  });
  assert.deepEqual(await daysOf(calendar.id, 2027), [
    '2027-01-01 holiday',
    '2027-02-06 holiday',
    '2027-02-07 holiday',
    '2027-02-20 workday',
  ]);

  const corrected = '2027-02-06 holiday 春节\n2027-02-08 holiday 春节\n2026-12-31 workday 元旦调休上班\n';
  const second = await admin.post(`/api/calendars/${calendar.id}/days/import`, {
    year: 2027,
    text: corrected,
  });
  assert.equal(second.statusCode, 200, second.body);
  assert.deepEqual(await daysOf(calendar.id, 2027), ['2027-02-06 holiday', '2027-02-08 holiday']);
  assert.deepEqual(
    await daysOf(calendar.id, 2026),
    ['2026-12-31 workday'],
    'a notice may reach into December',
  );

  const merged = await admin.post(`/api/calendars/${calendar.id}/days/import`, {
    year: 2027,
    text: '2027-10-01 holiday 国庆节',
    replace: false,
  });
  assert.equal(merged.statusCode, 200);
  assert.deepEqual(await daysOf(calendar.id, 2027), [
    '2027-02-06 holiday',
    '2027-02-08 holiday',
    '2027-10-01 holiday',
  ]);

  const events = (
    await admin.get(`/api/audit-events?type=calendar.days_imported&subjectId=${calendar.id}`)
  ).json().items;
  assert.equal(events.length, 3);
  assert.deepEqual(
    events[1].before.map((d: { date: string }) => d.date),
    ['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-20'],
  );
  assert.equal(events[1].data.removed, 3);
});

test('a bad line is a 400 naming it, and nothing changes', async () => {
  const calendar = await makeCalendar();
  assert.equal(
    (await admin.post(`/api/calendars/${calendar.id}/days/import`, { year: 2027, text: NOTICE_2027 }))
      .statusCode,
    200,
  );
  const revision = (await admin.get(`/api/calendars/${calendar.id}`)).json().revision;
  const bad: Array<[string, RegExp, string]> = [
    [
      '2027-01-01 holiday 元旦\n2027-01-02 holiday 元旦\n2027-01-03 holday 元旦\n',
      /^line 3: "holday"/,
      '第 3 行：“holday”不是日期类型（holiday 或 workday）',
    ],
    [
      '2027-02-30 holiday 春节',
      /^line 1: "2027-02-30" is not a date/,
      '第 1 行：“2027-02-30”不是日期（YYYY-MM-DD）',
    ],
    [
      '2027-01-01 holiday\n2028-05-01 holiday 劳动节',
      /^line 2: 2028-05-01 is not in 2027/,
      '第 2 行：2028-05-01 不在 2027 年',
    ],
    [
      '2027-01-01 holiday\n# 注释\n2027-01-01 workday',
      /^line 3: 2027-01-01 is already on line 1/,
      '第 3 行：2027-01-01 已在第 1 行出现',
    ],
    ['# 空文件\n\n', /no day of 2027/, '第 3 行：文件中没有 2027 年的日期'],
  ];
  for (const [text, message, zh] of bad) {
    const res = await admin.post(`/api/calendars/${calendar.id}/days/import`, { year: 2027, text });
    assert.equal(res.statusCode, 400, res.body);
    const [first] = res.json().errors;
    assert.equal(first.field, 'body.text');
    assert.match(first.message, message);
    // The administrator reads zh-CN; API clients keep the English message.
    assert.equal(first.text, zh);
  }
  const english = (await makeStaff(t, ['admin'])).client;
  assert.equal((await english.patch('/api/me', { locale: 'en' })).statusCode, 200);
  const inEnglish = (
    await english.post(`/api/calendars/${calendar.id}/days/import`, { year: 2027, text: bad[0]![0] })
  ).json().errors[0];
  assert.equal(inEnglish.text, inEnglish.message);
  assert.deepEqual(await daysOf(calendar.id, 2027), [
    '2027-01-01 holiday',
    '2027-02-06 holiday',
    '2027-02-07 holiday',
    '2027-02-20 workday',
  ]);
  assert.equal((await admin.get(`/api/calendars/${calendar.id}`)).json().revision, revision);
  assert.equal(
    (await admin.post('/api/calendars/999999/days/import', { year: 2027, text: NOTICE_2027 })).statusCode,
    404,
  );
});

test('a single day is set, changed and removed, each change audited', async () => {
  const calendar = await makeCalendar();
  const url = `/api/calendars/${calendar.id}/days/2027-06-01`;
  const set = await admin.request('PUT', url, { kind: 'holiday', name: '公司年会', nameEn: 'Company day' });
  assert.equal(set.statusCode, 200, set.body);
  assert.deepEqual(set.json(), {
    date: '2027-06-01',
    kind: 'holiday',
    name: '公司年会',
    nameEn: 'Company day',
  });
  assert.equal((await admin.request('PUT', url, { kind: 'workday' })).json().kind, 'workday');
  assert.deepEqual(await daysOf(calendar.id, 2027), ['2027-06-01 workday']);
  assert.equal((await admin.request('DELETE', url)).statusCode, 204);
  assert.equal((await admin.request('DELETE', url)).statusCode, 404);
  assert.deepEqual(await daysOf(calendar.id, 2027), []);

  const bad = await admin.request('PUT', `/api/calendars/${calendar.id}/days/2027-02-30`, {
    kind: 'holiday',
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().errors[0].field, 'params.date');
  assert.equal(bad.json().errors[0].text, '应为日期（YYYY-MM-DD）');
  const badKind = await admin.request('PUT', url, { kind: 'vacation' });
  assert.equal(badKind.json().errors[0].field, 'body.kind');

  const types = (await admin.get(`/api/audit-events?subjectType=business_calendar&subjectId=${calendar.id}`))
    .json()
    .items.map((e: { type: string }) => e.type);
  assert.deepEqual(types, [
    'calendar.day_removed',
    'calendar.day_set',
    'calendar.day_set',
    'calendar.created',
  ]);
});

test("the calculators' spec follows every change of the calendar", async () => {
  const calendar = await makeCalendar();
  const due = async () =>
    beijing(addBusinessMinutes(await loadCalendarSpec(t.db, calendar.id), at('2027-01-29 17:00'), 120));
  assert.equal(await due(), '2027-02-01 10:00', 'Friday → Monday');
  await admin.request('PUT', `/api/calendars/${calendar.id}/days/2027-01-30`, { kind: 'workday' });
  assert.equal(await due(), '2027-01-30 10:00', 'a make-up Saturday');
  await admin.post(`/api/calendars/${calendar.id}/days/import`, {
    year: 2027,
    text: '2027-02-01 holiday 测试',
  });
  assert.equal(await due(), '2027-02-02 10:00', 'the import replaced the Saturday; Monday is a holiday');
  await admin.patch(`/api/calendars/${calendar.id}`, { alwaysOpen: true });
  assert.equal(await due(), '2027-01-29 19:00', '7×24');
});

test('the CLI handler imports a file into the calendar with that code', async () => {
  const calendar = await makeCalendar();
  await admin.post(`/api/calendars/${calendar.id}/days/import`, {
    year: 2026,
    text: '2026-10-01 holiday 国庆节',
  });
  const file = path.join(dir, '2027.txt');
  await writeFile(file, `\uFEFF${NOTICE_2027.replaceAll('\n', '\r\n')}`);
  const summary = await runCalendarImportCommand({ db: t.db, calendarCode: calendar.code, file });
  assert.deepEqual(
    { year: summary.year, holidays: summary.holidays, workdays: summary.workdays, code: summary.code },
    { year: 2027, holidays: 3, workdays: 1, code: calendar.code },
  );
  assert.equal((await daysOf(calendar.id, 2027)).length, 4);
  assert.deepEqual(await daysOf(calendar.id, 2026), ['2026-10-01 holiday'], 'other years stay');

  const broken = path.join(dir, 'broken.txt');
  await writeFile(broken, '2028-01-01 holiday 元旦\n2028-01-02 holliday\n');
  await assert.rejects(
    runCalendarImportCommand({ db: t.db, calendarCode: calendar.code, file: broken }),
    (e: Error) => e.message.includes(`${broken}: line 2: "holliday"`),
  );
  assert.deepEqual(await daysOf(calendar.id, 2028), []);
  await assert.rejects(
    runCalendarImportCommand({ db: t.db, calendarCode: 'nope', file }),
    /no calendar with code nope/,
  );
});
