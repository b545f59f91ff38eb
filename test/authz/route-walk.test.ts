/**
 * Walks every operation of the OpenAPI document with every staff role, a contact of the
 * owning organisation, a contact of a foreign organisation and an anonymous caller, and checks
 * the expected allow / deny. A foreign organisation's records must answer 404, never 403, never 200.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { STAFF_ROLES, type StaffRole } from '../../src/modules/identity/identity-roles.ts';
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { addSite } from '../../src/modules/organisations/server/commands/save-site.ts';
import { addContact } from '../../src/modules/organisations/server/commands/save-contact.ts';
import {
  Client,
  createTestApp,
  makeContactUser,
  makeOrganisation,
  makeStaff,
  type TestApp,
} from '../harness/test-app.ts';

type Who = 'anonymous' | StaffRole | 'contact_own' | 'contact_foreign';
/** ok: reaches its use case (not 401/403/404); forbidden: 403; hidden: 404; unauthenticated: 401. */
type Expect = 'ok' | 'forbidden' | 'hidden' | 'unauthenticated';

const isStaff = (who: Who): who is StaffRole => (STAFF_ROLES as readonly string[]).includes(who);
const signedIn = (who: Who): Expect => (who === 'anonymous' ? 'unauthenticated' : 'ok');
const staffOnly = (who: Who): Expect =>
  who === 'anonymous' ? 'unauthenticated' : isStaff(who) ? 'ok' : 'forbidden';
const roles =
  (...allowed: StaffRole[]) =>
  (who: Who): Expect =>
    who === 'anonymous' ? 'unauthenticated' : isStaff(who) && allowed.includes(who) ? 'ok' : 'forbidden';
/** Reading a record of organisation A: staff and A's own contacts; B's contact must not see it exists. */
const orgRead = (who: Who): Expect =>
  who === 'anonymous' ? 'unauthenticated' : who === 'contact_foreign' ? 'hidden' : 'ok';
/** Writing a record of organisation A: the listed roles; A's contact is refused; B's contact sees nothing. */
const orgWrite =
  (...allowed: StaffRole[]) =>
  (who: Who): Expect =>
    who === 'contact_foreign' ? 'hidden' : roles(...allowed)(who);

let seq = 0;
const next = () => `${Date.now().toString(36)}${++seq}`;

interface Target {
  org: number;
  site: number;
  contact: number;
  contactWithoutLogin: number;
  staffUser: number;
  branch: number;
  token: number;
}

const RULES: Record<
  string,
  { expect: (who: Who) => Expect; id?: (t: Target) => number; body?: () => unknown }
> = {
  getSession: { expect: signedIn },
  getMe: { expect: signedIn },
  updateMe: { expect: signedIn, body: () => ({ timeZone: 'Asia/Shanghai' }) },
  changeMyPassword: {
    expect: signedIn,
    body: () => ({ currentPassword: 'wrong-on-purpose', newPassword: 'Whatever-Pass-1' }),
  },
  listUsers: { expect: signedIn },
  getUser: {
    expect: (w) => (w === 'contact_own' || w === 'contact_foreign' ? 'hidden' : staffOnly(w)),
    id: (t) => t.staffUser,
  },
  createStaffUser: {
    expect: roles('admin'),
    body: () => ({
      username: `u${next()}`,
      displayName: '新员工',
      roles: ['tac_engineer'],
      password: 'Initial-Pass-99',
    }),
  },
  updateUser: { expect: roles('admin'), id: (t) => t.staffUser, body: () => ({ displayName: '改名' }) },
  resetUserPassword: {
    expect: roles('admin'),
    id: (t) => t.staffUser,
    body: () => ({ newPassword: 'Reset-Pass-123' }),
  },
  createContactLogin: {
    expect: orgWrite('admin', 'hotline_operator'),
    id: (t) => t.contactWithoutLogin,
    body: () => ({ username: `p${next()}`, password: 'Portal-Pass-123' }),
  },
  listApiTokens: { expect: roles('admin') },
  createApiToken: {
    expect: roles('admin'),
    body: () => ({ name: `t${next()}`, scope: { kind: 'role', role: 'tac_engineer' } }),
  },
  revokeApiToken: { expect: roles('admin'), id: (t) => t.token },
  listOrganisations: { expect: signedIn },
  getOrganisation: { expect: orgRead, id: (t) => t.org },
  createOrganisation: {
    expect: roles('admin', 'hotline_operator'),
    body: () => ({ name: `客户 ${next()}` }),
  },
  updateOrganisation: {
    expect: orgWrite('admin', 'hotline_operator'),
    id: (t) => t.org,
    body: () => ({ industry: '金融' }),
  },
  listSites: { expect: orgRead, id: (t) => t.org },
  addSite: {
    expect: orgWrite('admin', 'hotline_operator'),
    id: (t) => t.org,
    body: () => ({ name: `站点 ${next()}` }),
  },
  updateSite: {
    expect: orgWrite('admin', 'hotline_operator'),
    id: (t) => t.site,
    body: () => ({ city: '广州' }),
  },
  listContacts: { expect: orgRead, id: (t) => t.org },
  addContact: {
    expect: orgWrite('admin', 'hotline_operator'),
    id: (t) => t.org,
    body: () => ({ name: `联系人 ${next()}` }),
  },
  getContact: { expect: orgRead, id: (t) => t.contact },
  updateContact: {
    expect: orgWrite('admin', 'hotline_operator'),
    id: (t) => t.contact,
    body: () => ({ title: '主任' }),
  },
  listBranches: { expect: staffOnly },
  createBranch: { expect: roles('admin'), body: () => ({ code: `B${next()}`, name: '新分公司' }) },
  updateBranch: { expect: roles('admin'), id: (t) => t.branch, body: () => ({ phone: '010-1' }) },
  listAuditEvents: { expect: roles('admin') },
  // Ends the caller's session: walked last.
  logout: { expect: signedIn },
};
/** Operations that need no sign-in, tested on their own. */
const PUBLIC = new Set(['login']);

let t: TestApp;
const callers = new Map<Who, Client>();
let target: Target;

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
  const site = await addSite({
    db: t.db,
    ctx: SYSTEM_CONTEXT,
    organisationId: orgA.id,
    input: { name: '机房' },
  });
  const spare = await addContact({
    db: t.db,
    ctx: SYSTEM_CONTEXT,
    organisationId: orgA.id,
    input: { name: '无账号联系人' },
  });
  const victim = await makeStaff(t, ['field_engineer']);
  const admin = callers.get('admin')!;
  const branch = (await admin.post('/api/branches', { code: 'WALK', name: '测试分公司' })).json();
  const token = (
    await admin.post('/api/api-tokens', { name: 'walk', scope: { kind: 'role', role: 'tac_engineer' } })
  ).json();
  target = {
    org: orgA.id,
    site: site.id,
    contact: own.contact.id,
    contactWithoutLogin: spare.id,
    staffUser: victim.user.id,
    branch: branch.id,
    token: token.id,
  };
});
after(() => t?.close());

test('every operation in the OpenAPI document has an access rule', async () => {
  const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
  const ops: string[] = [];
  for (const methods of Object.values<Record<string, { operationId?: string }>>(doc.paths)) {
    for (const op of Object.values(methods)) ops.push(op.operationId ?? '(missing operationId)');
  }
  const missing = ops.filter((id) => !RULES[id] && !PUBLIC.has(id));
  assert.deepEqual(missing, [], 'add these operations to RULES');
  assert.deepEqual(
    Object.keys(RULES).filter((id) => !ops.includes(id)),
    [],
    'rules for operations that no longer exist',
  );
});

test('every role and organisation gets exactly the access it should', async () => {
  const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
  const operations: Array<{ id: string; method: string; path: string }> = [];
  for (const [path, methods] of Object.entries<Record<string, { operationId: string }>>(doc.paths)) {
    for (const [method, op] of Object.entries(methods))
      if (!PUBLIC.has(op.operationId))
        operations.push({ id: op.operationId, method: method.toUpperCase(), path });
  }
  operations.sort((a, b) => Number(a.id === 'logout') - Number(b.id === 'logout'));
  const failures: string[] = [];
  for (const op of operations) {
    const rule = RULES[op.id]!;
    for (const [who, client] of callers) {
      const url = op.path.replace('{id}', String(rule.id?.(target) ?? 0));
      const body = op.method === 'GET' ? undefined : (rule.body?.() ?? {});
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
        failures.push(`${op.id} as ${who}: expected ${expected}, got ${status} ${res.body.slice(0, 120)}`);
      if (expected === 'hidden' && res.body.includes('甲方客户'))
        failures.push(`${op.id} as ${who}: 404 leaks data`);
    }
  }
  assert.deepEqual(failures, []);
});

test('a customer list never shows another organisation', async () => {
  const own = await makeContactUser(t, target.org);
  const orgs = (await own.client.get('/api/organisations')).json().items;
  assert.deepEqual(
    orgs.map((o: { id: number }) => o.id),
    [target.org],
  );
  const users = (await own.client.get('/api/users')).json().items;
  assert.deepEqual(
    users.map((u: { id: number }) => u.id),
    [own.user.id],
  );
});

test('an organisation-scoped API token is confined like a contact', async () => {
  const admin = (await makeStaff(t, ['admin'])).client; // the walk signed the first one out
  const orgB = await makeOrganisation(t, '丙方客户');
  const { token } = (
    await admin.post('/api/api-tokens', {
      name: 'portal-sync',
      scope: { kind: 'organisation', organisationId: orgB.id },
    })
  ).json();
  const integration = new Client(t.app);
  integration.bearer = token;
  const list = (await integration.get('/api/organisations')).json().items;
  assert.deepEqual(
    list.map((o: { id: number }) => o.id),
    [orgB.id],
  );
  assert.equal((await integration.get(`/api/organisations/${target.org}`)).statusCode, 404);
  assert.equal((await integration.get(`/api/contacts/${target.contact}`)).statusCode, 404);
  assert.equal((await integration.get('/api/branches')).statusCode, 403);
});
