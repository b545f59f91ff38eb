/**
 * Browser journey of the mail quarantine: the MTA's pipe (the mail-gate, a hotline operator's API
 * token) hands over a mail from an address no contact has, with a Chinese RFC 2047 subject and an
 * HTML part carrying a script and an inline screenshot (cid:), and an out-of-office auto-reply.
 * The hotline operator finds the quarantine in the menu, reads the mail (the HTML in a sandboxed
 * frame, scriptless, the screenshot rendered inside it; the text part), sees the auto-reply under
 * 已忽略 with its reason, and accepts the mail as a new case for
 * the customer with a new contact made from the sender; the case opens with the mail's subject.
 * A reply from outside the customer naming that case is accepted on it through the case search.
 * Real server process, real Chromium.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { crc32, deflateSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_TEST_PASSWORD, startServerProcess } from '../test/harness/server-process.ts';
import {
  apiSession,
  expectText,
  launchChromium,
  logIn,
  screenshot,
  staffAccount,
  TIMEOUT_MS,
  watch,
  type Call,
} from './lib/journey.ts';

const OPERATOR = { username: 'li.hotline', password: 'Hotline-Pass-2026' };
const CUSTOMER = '苏州工业园区管委会';
const SENDER = { name: '王建国', address: 'wangjg@sipac.example.cn' };
const SUBJECT = '核心路由器 BGP 邻居反复震荡，请协助排查';
const BODY = '今天上午 9:30 起，核心路由器与运营商的 BGP 邻居每隔几分钟断开一次，业务访问时断时续。';

/** A `size`×`size` PNG of one colour (8-bit RGB), as a screenshot pasted into a mail would be. */
function solidPng(size: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3).fill(Buffer.from(rgb))]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** RFC 2047 encoded-word (UTF-8, base64) as Foxmail and Exmail write Chinese subjects and names. */
const encoded = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;

function rawMail(o: {
  messageId: string;
  subject: string;
  from?: { name: string; address: string };
  headers?: string[];
  html?: string;
  text: string;
  /** A PNG the HTML shows as `cid:shot01@foxmail` (multipart/related, as Foxmail sends a pasted image). */
  inlinePng?: Buffer;
}) {
  const from = o.from ?? SENDER;
  const boundary = '----=_Part_e2e_0001';
  const related = '----=_Part_e2e_0002';
  const htmlPart = [
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(o.html ?? `<p>${o.text}</p>`).toString('base64'),
  ];
  return [
    `From: ${encoded(from.name)} <${from.address}>`,
    'To: support@tac.example.com',
    `Subject: ${encoded(o.subject)}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${o.messageId}@sipac.example.cn>`,
    'X-Mailer: Foxmail 7.2.25.375',
    ...(o.headers ?? []),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(o.text).toString('base64'),
    `--${boundary}`,
    ...(o.inlinePng
      ? [
          `Content-Type: multipart/related; boundary="${related}"`,
          '',
          `--${related}`,
          ...htmlPart,
          `--${related}`,
          'Content-Type: image/png; name="shot.png"',
          'Content-Transfer-Encoding: base64',
          'Content-ID: <shot01@foxmail>',
          'Content-Disposition: inline; filename="shot.png"',
          '',
          o.inlinePng.toString('base64'),
          `--${related}--`,
        ]
      : htmlPart),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

describe('Mail quarantine: an unknown sender’s mail accepted as a new case', { timeout: 240_000 }, () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  let page: Page;
  let admin: Call;
  let gateToken = '';
  let caseNumber = '';
  const errors: string[] = [];

  const postToGate = async (raw: string) => {
    const response = await fetch(`${server.url}/api/mail/inbound`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateToken}`, 'content-type': 'message/rfc822' },
      body: raw,
    });
    const result = (await response.json()) as { outcome: string };
    assert.equal(response.status, 202, JSON.stringify(result));
    return result;
  };

  before(async () => {
    server = await startServerProcess({ args: ['--build-web'] });
    admin = await apiSession(server.url, 'admin', ADMIN_TEST_PASSWORD);
    const org = await admin<{ id: number }>('POST', '/api/organisations', { name: CUSTOMER });
    await admin('POST', `/api/organisations/${org.id}/sites`, { name: '园区数据中心', city: '苏州' });
    await staffAccount(admin, server.url, { ...OPERATOR, displayName: '李娜', roles: ['hotline_operator'] });
    const created = await admin<{ token: string }>('POST', '/api/api-tokens', {
      name: 'postfix mail-gate',
      scope: { kind: 'role', role: 'hotline_operator' },
    });
    gateToken = created.token;
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    watch(page, errors);
  });

  after(async () => {
    await browser?.close();
    if (server) {
      await server.stop();
      await rm(server.dataDir, { recursive: true, force: true });
    }
  });

  it('the mail-gate quarantines the unknown sender’s mail and ignores the auto-reply', async () => {
    const mail = await postToGate(
      rawMail({
        messageId: 'e2e-bgp-0001',
        subject: SUBJECT,
        text: BODY,
        html: `<div style="font-family:微软雅黑"><p>${BODY}</p><script>document.title='pwned'</script><p onclick="alert(1)">附：show bgp summary 输出见下。</p><img id="shot" src="cid:shot01@foxmail" alt="截图"></div>`,
        inlinePng: solidPng(48, [22, 119, 255]),
      }),
    );
    assert.equal(mail.outcome, 'quarantined');
    const autoReply = await postToGate(
      rawMail({
        messageId: 'e2e-ooo-0002',
        subject: '自动回复: 休假中',
        headers: ['Auto-Submitted: auto-replied'],
        text: '您好，我正在休假，10 月 8 日返回。',
      }),
    );
    assert.equal(autoReply.outcome, 'ignored');
  });

  it('the hotline operator reads it: HTML in a sandboxed frame without the script, the text part', async () => {
    await page.goto(`${server.url}/`);
    await logIn(page, OPERATOR);
    // The menu offers the quarantine beside the alert queue, both intake work under one entry;
    // opened by its address (a menu click is unreliable on a loaded CI machine).
    await page.locator('.app-header__nav').getByText('告警与邮件').hover();
    await page.locator('.ant-menu-submenu-popup a[href="/mail/quarantine"]').waitFor({ timeout: TIMEOUT_MS });
    assert.equal(await page.locator('.ant-menu-submenu-popup a[href="/alerts"]').count(), 1);
    await page.goto(`${server.url}/mail/quarantine`);
    const row = page.locator('.mail-row').filter({ hasText: SUBJECT });
    await expectText(row, '发件人不是已知联系人');
    await expectText(row, SENDER.address);
    await row.locator('.mail-open').click();

    const drawer = page.locator('.mail-drawer');
    await expectText(drawer.locator('#mail-from'), `${SENDER.name} <${SENDER.address}>`);
    const frame = drawer.locator('#mail-html');
    assert.equal(await frame.getAttribute('sandbox'), '');
    const html = (await frame.getAttribute('srcdoc')) ?? '';
    assert.ok(html.includes('BGP 邻居'), html);
    assert.ok(!/<script|onclick/i.test(html), `sanitised: ${html}`);
    await expectText(page.frameLocator('#mail-html').locator('body'), '附：show bgp summary 输出见下。');
    // The inline screenshot renders inside the sandboxed frame, which sends no session itself.
    // Polled from here, as the frame's image element reports it.
    const shot = page.frameLocator('#mail-html').locator('img[alt="截图"]');
    const naturalWidth = () =>
      shot.evaluate((img) => {
        const image = img as unknown as { complete: boolean; naturalWidth: number };
        return image.complete ? image.naturalWidth : 0;
      });
    const deadline = Date.now() + TIMEOUT_MS;
    while ((await naturalWidth()) === 0) {
      assert.ok(Date.now() < deadline, 'the inline image did not render in the frame');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(await naturalWidth(), 48);
    await screenshot(page, 'mail-quarantine-read');
    await drawer.getByRole('tab', { name: '纯文本' }).click();
    await expectText(drawer.locator('#mail-text'), BODY);
    assert.ok((await drawer.locator('#mail-raw').getAttribute('href'))?.includes('/api/inbound-mail/'));
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'detached', timeout: TIMEOUT_MS });

    await page.locator('#mail-tab').getByText('已忽略').click();
    await expectText(page.locator('.mail-row').filter({ hasText: '自动回复: 休假中' }), '自动回复');
    await page.locator('#mail-tab').getByText('待处理').click();
  });

  it('accepts it for the customer with a new contact from the sender: the case opens with the subject', async () => {
    const row = page.locator('.mail-row').filter({ hasText: SUBJECT });
    await row.locator('.mail-open').click();
    const drawer = page.locator('.mail-drawer');
    await drawer.locator('#mail-accept-organisation').click();
    await drawer.locator('#mail-accept-organisation').fill(CUSTOMER);
    await page.locator('.ant-select-item-option').filter({ hasText: CUSTOMER }).click();
    await drawer.locator('#mail-accept-contact').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: `新建联系人：${SENDER.address}` })
      .click();
    assert.equal(await drawer.locator('#mail-accept-contact-name').inputValue(), SENDER.name);
    await drawer.locator('#mail-accept-submit').click();
    await expectText(page.locator('.ant-message'), '邮件已接收');
    const number = (await expectText(drawer.locator('#mail-case-link'), /^TAC-\d{4}-\d{6}$/)).trim();
    await expectText(drawer.locator('.mail-state'), '已接收');
    await drawer.locator('#mail-case-link').click();
    await page.waitForURL(/\/cases\/\d+$/, { timeout: TIMEOUT_MS });
    await expectText(page.locator('#case-number'), number);
    await expectText(page.locator('.case-header'), SUBJECT);
    await screenshot(page, 'mail-accepted-case');

    const caseId = Number(page.url().split('/').at(-1));
    const opened = await admin<{ channel: string; contact: { name: string } | null }>(
      'GET',
      `/api/cases/${caseId}`,
    );
    assert.equal(opened.channel, 'email');
    assert.equal(opened.contact?.name, SENDER.name);
    caseNumber = number;
  });

  it('a reply from outside the customer is accepted on the case its subject names', async () => {
    const reply = await postToGate(
      rawMail({
        messageId: 'e2e-bgp-0003',
        subject: `回复：[${caseNumber}] ${SUBJECT}`,
        from: { name: '赵工（运营商）', address: 'zhao@isp.example.net' },
        text: '已在我方 PE 上调整 BGP keepalive 为 10 秒，请观察。',
      }),
    );
    assert.equal(reply.outcome, 'quarantined');
    await page.goto(`${server.url}/mail/quarantine`);
    await page.locator('.mail-row').filter({ hasText: caseNumber }).locator('.mail-open').click();
    const drawer = page.locator('.mail-drawer');
    // The case number in the subject picks "as a reply" and is searched at once.
    await drawer.locator('#mail-accept-case').getByText(caseNumber).click();
    await drawer.locator('#mail-accept-submit').click();
    await expectText(drawer.locator('.mail-state'), '已接收');
    await expectText(drawer.locator('#mail-case-link'), caseNumber);
    assert.deepEqual(errors, []);
  });
});
