/**
 * What the mail-intake tests share: the .eml corpus (with the case a reply refers to filled in),
 * a customer whose contact is the corpus's known sender, an MTA holding a hotline operator's API
 * token that posts raw messages to the mail-gate, and the file store of the app under test.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { LocalFileStore } from '../../src/platform/files/file-store.ts';
import { addContact } from '../../src/modules/organisations/server/commands/save-contact.ts';
import { Client, makeOrganisation, makeStaff, type TestApp } from '../harness/test-app.ts';

export const FIXTURES = path.join(import.meta.dirname, 'fixtures');
export const KNOWN_SENDER = 'zhang.wei@customer-a.example.cn';

/** A corpus message; `__CASE_ID__` / `__CASE_NUMBER__` replaced when given. */
export function fixture(name: string, refs: { caseId?: number; caseNumber?: string } = {}): Buffer {
  let raw = fs.readFileSync(path.join(FIXTURES, name)).toString('latin1');
  if (refs.caseId !== undefined) raw = raw.replaceAll('__CASE_ID__', String(refs.caseId));
  if (refs.caseNumber !== undefined) raw = raw.replaceAll('__CASE_NUMBER__', refs.caseNumber);
  return Buffer.from(raw, 'latin1');
}

export const corpus = () =>
  fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.eml'))
    .sort();

/** The same message under another Message-ID, so it is not a duplicate of an earlier test's. */
export function withMessageId(raw: Buffer, id: string): Buffer {
  const text = raw.toString('latin1');
  const replaced = /^Message-ID:.*$/im.test(text)
    ? text.replace(/^Message-ID:.*$/im, `Message-ID: <${id}>`)
    : `Message-ID: <${id}>\r\n${text}`;
  return Buffer.from(replaced, 'latin1');
}

export interface MailWorld {
  admin: Client;
  hotline: Client;
  mta: Client;
  organisation: { id: number; name: string };
  contact: { id: number };
  files: LocalFileStore;
  /** Posts a raw message to the mail-gate as the MTA. */
  gate(raw: Buffer): Promise<LightMyRequestResponse>;
}

export async function makeMailWorld(t: TestApp): Promise<MailWorld> {
  const admin = (await makeStaff(t, ['admin'])).client;
  const hotline = (await makeStaff(t, ['hotline_operator'])).client;
  const organisation = await makeOrganisation(t, '甲方银行');
  const contact = await addContact({
    db: t.db,
    ctx: SYSTEM_CONTEXT,
    organisationId: organisation.id,
    input: { name: '张伟', email: 'Zhang.Wei@Customer-A.example.cn' },
  });
  const token = await admin.post('/api/api-tokens', {
    name: 'postfix',
    scope: { kind: 'role', role: 'hotline_operator' },
  });
  const mta = new Client(t.app);
  mta.bearer = token.json().token;
  const files = await LocalFileStore.open({ dataDir: t.config.dataDir });
  return {
    admin,
    hotline,
    mta,
    organisation,
    contact,
    files,
    gate: (raw) => mta.request('POST', '/api/mail/inbound', raw, { 'content-type': 'message/rfc822' }),
  };
}
