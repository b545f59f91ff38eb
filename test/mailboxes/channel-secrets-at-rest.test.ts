/**
 * Notification channel credentials at rest: SMS secrets, robot secrets and URLs (they carry the
 * WeCom key / DingTalk token) and the webhook secret are stored sealed; settings written by an
 * older version in plaintext keep working and are sealed at the next save; settings sealed with
 * a key this installation does not have (a backup restored without its key) count as none.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { createTestApp, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';
import { readSetting, writeSetting } from '../../src/platform/settings/settings.ts';
import { SecretBox } from '../../src/platform/crypto/secret-box.ts';
import { readChannelSettings } from '../../src/modules/notifications/server/channels/channel-settings.ts';

const KEY = 'notifications.channels';
let t: TestApp;
let admin: Client;

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' });
  admin = (await makeStaff(t, ['admin'])).client;
});
after(() => t?.close());

const plaintext = {
  sms: {
    provider: 'aliyun',
    accessKeyId: 'LTAI-visible',
    accessKeySecret: 'aliyun-secret-1',
    signName: '某某科技',
    endpoint: null,
    templates: {},
  },
  targets: [
    {
      key: 'dd',
      channel: 'dingtalk',
      name: '值班群',
      locale: 'zh-CN',
      events: ['case.opened'],
      priorities: [1, 2],
      url: 'http://127.0.0.1:9/robot/send?access_token=dingtalk-token-2',
      secret: 'SECdingtalk-secret-3',
    },
    {
      key: 'hook',
      channel: 'webhook',
      name: 'ITSM',
      locale: 'en',
      events: ['case.opened'],
      priorities: [1],
      url: 'http://127.0.0.1:9/hooks/tacdesk',
      secret: 'webhook-secret-4',
    },
  ],
  allowedHosts: ['127.0.0.1'],
};
const SECRETS = ['aliyun-secret-1', 'dingtalk-token-2', 'SECdingtalk-secret-3', 'webhook-secret-4'];

async function stored(): Promise<string> {
  return JSON.stringify(await readSetting<unknown>(t.db, KEY, null));
}

test('channel credentials saved by an administrator are stored sealed and read back in plaintext', async () => {
  const saved = await admin.put('/api/notification-channels', plaintext);
  assert.equal(saved.statusCode, 200, saved.body);
  const raw = await stored();
  for (const secret of SECRETS) assert.ok(!raw.includes(secret), `${secret} is not stored in plaintext`);
  const value = JSON.parse(raw);
  assert.match(value.sms.accessKeySecret, /^v1:/);
  assert.equal(value.sms.accessKeyId, 'LTAI-visible', 'what is not secret stays readable');
  for (const target of value.targets) {
    assert.match(target.url, /^v1:/);
    assert.match(target.secret, /^v1:/);
  }
  assert.deepEqual(await readChannelSettings(t.db), plaintext, 'the sender and rules see the values');
  const view = (await admin.get('/api/notification-channels')).json();
  assert.equal(view.sms.accessKeySecret, '********');
  assert.equal(view.targets[0].url, 'http://127.0.0.1:9/robot/send?access_token=********');
});

test('plaintext settings of an older version keep working and are sealed at the next save', async () => {
  await writeSetting(t.db, KEY, plaintext);
  assert.deepEqual(await readChannelSettings(t.db), plaintext);
  const view = (await admin.get('/api/notification-channels')).json();
  assert.equal(view.targets.length, 2);
  // The administrator saves without retyping secrets: they are kept, now sealed.
  const { sms, targets, allowedHosts } = view;
  const res = await admin.put('/api/notification-channels', {
    sms: { ...sms, accessKeySecret: undefined },
    targets: targets.map((x: Record<string, unknown>) => ({ ...x, url: undefined, secret: undefined })),
    allowedHosts,
  });
  assert.equal(res.statusCode, 200, res.body);
  const raw = await stored();
  for (const secret of SECRETS) assert.ok(!raw.includes(secret), secret);
  assert.deepEqual(await readChannelSettings(t.db), plaintext);
});

test('settings sealed with a key this installation lacks count as none, never as garbage', async () => {
  const foreign = new SecretBox(crypto.randomBytes(32));
  await writeSetting(t.db, KEY, {
    ...plaintext,
    sms: { ...plaintext.sms, accessKeySecret: foreign.seal('aliyun-secret-1') },
  });
  const view = (await admin.get('/api/notification-channels')).json();
  assert.deepEqual(view, { sms: null, targets: [], allowedHosts: [] });
});
