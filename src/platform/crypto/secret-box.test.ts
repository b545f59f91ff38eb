/** Secrets at rest: sealing, tamper and wrong-key detection, plaintext pass-through, the key file, the key variable. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config/config.ts';
import {
  configureSecretKey,
  loadOrCreateKeyFile,
  openSecret,
  parseSecretKey,
  sealSecret,
  SecretBox,
  SecretUnreadable,
} from './secret-box.ts';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tacdesk-secret-'));

test('a sealed secret opens with its key only, and any changed byte is detected', () => {
  const box = new SecretBox(crypto.randomBytes(32));
  const sealed = box.seal('授权码 abcd-1234');
  assert.match(sealed, /^v1:[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
  assert.notEqual(box.seal('授权码 abcd-1234'), sealed, 'a fresh IV every time');
  assert.equal(box.tryOpen(sealed), '授权码 abcd-1234');
  assert.equal(new SecretBox(crypto.randomBytes(32)).tryOpen(sealed), null, 'another key');
  const body = sealed.split('.');
  const flipped = body[2]!.startsWith('A') ? `B${body[2]!.slice(1)}` : `A${body[2]!.slice(1)}`;
  assert.equal(box.tryOpen([body[0], body[1], flipped].join('.')), null, 'altered ciphertext');
  assert.equal(box.tryOpen('v1:not.valid'), null);
  assert.throws(() => new SecretBox(crypto.randomBytes(16)), /32 bytes/);
});

test('the key file is made once, private, and read back by every later process', () => {
  const dir = tempDir();
  try {
    const key = loadOrCreateKeyFile(dir);
    const file = path.join(dir, 'secret.key');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(loadOrCreateKeyFile(dir), key);
    assert.deepEqual(
      parseSecretKey(fs.readFileSync(file, 'utf8')),
      key,
      'the same form as TACDESK_SECRET_KEY',
    );
    assert.deepEqual(fs.readdirSync(dir), ['secret.key'], 'no temporary file left');
    fs.writeFileSync(file, 'too short');
    assert.throws(() => loadOrCreateKeyFile(dir), /secret\.key: must be 32 random bytes in base64/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('values stored before sealing are read as they are; the configured keys open what they sealed', () => {
  const first = tempDir();
  const second = tempDir();
  try {
    configureSecretKey({ secretKey: null, dataDir: first });
    assert.equal(fs.existsSync(path.join(first, 'secret.key')), false, 'nothing made before first use');
    assert.equal(openSecret('plain-old-value'), 'plain-old-value');
    const byFirst = sealSecret('first');
    assert.ok(fs.existsSync(path.join(first, 'secret.key')));
    configureSecretKey({ secretKey: crypto.randomBytes(32), dataDir: second });
    const bySecond = sealSecret('second');
    assert.equal(openSecret(bySecond), 'second');
    assert.equal(openSecret(byFirst), 'first', 'an earlier key of this process still opens its values');
    assert.equal(fs.existsSync(path.join(second, 'secret.key')), false, 'an environment key makes no file');
    const stranger = new SecretBox(crypto.randomBytes(32)).seal('elsewhere');
    assert.throws(() => openSecret(stranger), SecretUnreadable);
    assert.throws(() => openSecret(stranger), /TACDESK_SECRET_KEY/);
  } finally {
    fs.rmSync(first, { recursive: true, force: true });
    fs.rmSync(second, { recursive: true, force: true });
  }
});

test('TACDESK_SECRET_KEY must be 32 bytes in base64; a bad value names the variable', () => {
  const key = crypto.randomBytes(32).toString('base64');
  assert.deepEqual(loadConfig({ TACDESK_SECRET_KEY: key }).secretKey, Buffer.from(key, 'base64'));
  assert.equal(loadConfig({}).secretKey, null);
  for (const bad of ['short', crypto.randomBytes(16).toString('base64'), `${key}!`])
    assert.throws(
      () => loadConfig({ TACDESK_SECRET_KEY: bad }),
      /TACDESK_SECRET_KEY: must be 32 random bytes in base64/,
    );
});
