/**
 * Walks every operation of the OpenAPI document with every staff role, a contact of the
 * owning organisation, a contact of a foreign organisation and an anonymous caller, and checks
 * the expected allow / deny. A foreign organisation's records must answer 404, never 403, never 200.
 * The expectations live in rules/*.rules.ts, one file per module.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { STAFF_ROLES } from '../../src/modules/identity/identity-roles.ts';
import {
  Client,
  createTestApp,
  makeContactUser,
  makeOrganisation,
  makeStaff,
  type TestApp,
} from '../harness/test-app.ts';
import type { Expect, Rule, Targets, Who } from './access-rules.ts';
import { RULE_SETS } from './rules/index.ts';

const RULES: Record<string, Rule> = Object.assign({}, ...RULE_SETS.map((s) => s.rules));
/** Operations that need no sign-in, tested on their own. */
const PUBLIC = new Set(['login']);

let t: TestApp;
const callers = new Map<Who, Client>();
const targets: Targets = {};

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' });
  for (const role of STAFF_ROLES) callers.set(role, (await makeStaff(t, [role])).client);
  const orgA = await makeOrganisation(t, '甲方客户');
  const orgB = await makeOrganisation(t, '乙方客户');
  const own = await makeContactUser(t, orgA.id);
  const foreign = await makeContactUser(t, orgB.id);
  callers.set('contact_own', own.client);
  callers.set('contact_foreign', foreign.client);
  callers.set('anonymous', new Client(t.app));
  Object.assign(targets, {
    orgA: orgA.id,
    orgB: orgB.id,
    contactOwn: own.contact.id,
    contactForeign: foreign.contact.id,
  });
  const admin = (await makeStaff(t, ['admin'])).client;
  for (const set of RULE_SETS) if (set.setup) Object.assign(targets, await set.setup({ t, admin, targets }));
});
after(() => t?.close());

async function operations() {
  const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
  const ops: Array<{ id: string; method: string; path: string }> = [];
  for (const [path, methods] of Object.entries<Record<string, { operationId?: string }>>(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      ops.push({
        id: op.operationId ?? `(no operationId: ${method} ${path})`,
        method: method.toUpperCase(),
        path,
      });
    }
  }
  return ops;
}

test('every operation in the OpenAPI document has an access rule', async () => {
  const ids = (await operations()).map((o) => o.id);
  assert.deepEqual(
    ids.filter((id) => !RULES[id] && !PUBLIC.has(id)),
    [],
    'add these operations to a rules file',
  );
  assert.deepEqual(
    Object.keys(RULES).filter((id) => !ids.includes(id)),
    [],
    'rules for operations that no longer exist',
  );
});

test('every role and organisation gets exactly the access it should', async () => {
  const ops = (await operations()).filter((o) => !PUBLIC.has(o.id));
  ops.sort((a, b) => Number(a.id === 'logout') - Number(b.id === 'logout'));
  const failures: string[] = [];
  for (const op of ops) {
    const rule = RULES[op.id]!;
    for (const [who, client] of callers) {
      if (rule.streaming && who !== 'anonymous') continue; // test/live covers the signed-in side
      const query = rule.query ? `?${rule.query(targets)}` : '';
      const url = op.path.replace('{id}', String(rule.id?.(targets) ?? 0)) + query;
      const body = op.method === 'GET' ? undefined : (rule.body?.(targets) ?? {});
      const res = await client.request(op.method, url, body);
      const expected = rule.expect(who);
      const status = res.statusCode;
      const got: Expect | 'other' =
        status === 401
          ? 'unauthenticated'
          : status === 403
            ? 'forbidden'
            : status === 404
              ? 'hidden'
              : status < 500
                ? 'ok'
                : 'other';
      if (got !== expected)
        failures.push(`${op.id} as ${who}: expected ${expected}, got ${status} ${res.body.slice(0, 160)}`);
      if (expected === 'hidden' && res.body.includes('甲方客户'))
        failures.push(`${op.id} as ${who}: 404 leaks data`);
    }
  }
  assert.deepEqual(failures, []);
});

test('a customer list never shows another organisation', async () => {
  const own = await makeContactUser(t, targets.orgA!);
  const orgs = (await own.client.get('/api/organisations')).json().items;
  assert.deepEqual(
    orgs.map((o: { id: number }) => o.id),
    [targets.orgA],
  );
  const users = (await own.client.get('/api/users')).json().items;
  assert.deepEqual(
    users.map((u: { id: number }) => u.id),
    [own.user.id],
  );
});

test('an organisation-scoped API token is confined like a contact', async () => {
  const admin = (await makeStaff(t, ['admin'])).client; // the walk signed the others out
  const orgC = await makeOrganisation(t, '丙方客户');
  const created = await admin.post('/api/api-tokens', {
    name: 'portal-sync',
    scope: { kind: 'organisation', organisationId: orgC.id },
  });
  const integration = new Client(t.app);
  integration.bearer = created.json().token;
  const list = (await integration.get('/api/organisations')).json().items;
  assert.deepEqual(
    list.map((o: { id: number }) => o.id),
    [orgC.id],
  );
  assert.equal((await integration.get(`/api/organisations/${targets.orgA}`)).statusCode, 404);
  assert.equal((await integration.get(`/api/contacts/${targets.contactOwn}`)).statusCode, 404);
  assert.equal((await integration.get('/api/branches')).statusCode, 403);
});
