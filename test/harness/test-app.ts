/**
 * An app on its own test database, driven through the HTTP boundary with `inject`, plus
 * builders for the people and organisations a test needs (one organisation per test).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig, type AppConfig } from '../../src/platform/config/config.ts';
import { buildApp } from '../../src/app/build-app.ts';
import type { HttpServer } from '../../src/platform/http/http-server.ts';
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { createContactLogin, createStaffUser } from '../../src/modules/identity/server/index.ts';
import { createOrganisation } from '../../src/modules/organisations/server/commands/save-organisation.ts';
import { addContact } from '../../src/modules/organisations/server/commands/save-contact.ts';
import type { StaffRole } from '../../src/modules/identity/identity-roles.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const TEST_PASSWORD = 'Test-Password-123';

export interface TestApp {
  app: HttpServer;
  database: TestDatabase;
  db: TestDatabase['db'];
  config: AppConfig;
  close(): Promise<void>;
}

export async function createTestApp(
  env: Record<string, string> = {},
  opts: { beforeReady?: (app: HttpServer) => void } = {},
  clock?: () => Date,
): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tacdesk-app-'));
  const config = loadConfig({ TACDESK_LOG_LEVEL: 'silent', TACDESK_DATA_DIR: dataDir, ...env });
  const app = await buildApp({ db: database.db, config, clock, postgresUrl: database.url });
  opts.beforeReady?.(app);
  await app.ready();
  return {
    app,
    database,
    db: database.db,
    config,
    async close() {
      await app.close();
      await database.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const unique = () => crypto.randomBytes(4).toString('hex');

/** A signed-in client: carries the session cookie and the CSRF token like the web UI does. */
export class Client {
  readonly app: HttpServer;
  cookie: string | null = null;
  csrf: string | null = null;
  bearer: string | null = null;
  constructor(app: HttpServer) {
    this.app = app;
  }

  async request(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET' && h['x-csrf-token'] === undefined) h['x-csrf-token'] = this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    return this.app.inject({
      method: method as 'GET',
      url,
      headers: h,
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown) {
    return this.request('POST', url, body ?? {});
  }
  patch(url: string, body: unknown) {
    return this.request('PATCH', url, body);
  }
  put(url: string, body: unknown) {
    return this.request('PUT', url, body);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }

  async login(username: string, password = TEST_PASSWORD): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
    });
    if (res.statusCode === 200) {
      const setCookie = res.cookies.find((c) => c.name === 'tacdesk_session');
      this.cookie = setCookie ? `tacdesk_session=${setCookie.value}` : null;
      this.csrf = res.json().csrfToken;
    }
    return res;
  }
}

export async function makeStaff(t: TestApp, roles: StaffRole[], opts: { username?: string } = {}) {
  const username = opts.username ?? `staff_${roles.join('_')}_${unique()}`;
  const user = await createStaffUser({
    db: t.db,
    ctx: SYSTEM_CONTEXT,
    input: {
      username,
      displayName: `测试 ${roles.join('/')}`,
      roles,
      locale: 'zh-CN',
      password: TEST_PASSWORD,
    },
    mustChangePassword: false,
  });
  const client = new Client(t.app);
  const res = await client.login(username);
  if (res.statusCode !== 200) throw new Error(`login of ${username} failed: ${res.body}`);
  return { user, client, username };
}

export async function makeOrganisation(t: TestApp, name = `测试客户 ${unique()}`) {
  return createOrganisation({ db: t.db, ctx: SYSTEM_CONTEXT, input: { name } });
}

/** A customer contact of `organisationId` with a portal account, signed in. */
export async function makeContactUser(t: TestApp, organisationId: number) {
  const contact = await addContact({
    db: t.db,
    ctx: SYSTEM_CONTEXT,
    organisationId,
    input: { name: `联系人 ${unique()}`, email: `c${unique()}@example.cn` },
  });
  const username = `contact_${unique()}`;
  const user = await createContactLogin({
    db: t.db,
    ctx: SYSTEM_CONTEXT,
    contactId: contact.id,
    input: { username, password: TEST_PASSWORD, locale: 'zh-CN' },
  });
  await t.db.updateTable('app_user').set({ must_change_password: false }).where('id', '=', user.id).execute();
  const client = new Client(t.app);
  const res = await client.login(username);
  if (res.statusCode !== 200) throw new Error(`login of ${username} failed: ${res.body}`);
  return { contact, user, client, username };
}
