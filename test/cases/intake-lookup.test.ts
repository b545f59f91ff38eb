/**
 * The hotline finder through the HTTP boundary: a phone number (partial, spaces and dashes
 * ignored), a contact's name, a customer's name or code, a serial (partial, any case) → the
 * customer with what matched, exact serials and phone numbers first; staff only; bad input names
 * the field.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { addContact } from '../../src/modules/organisations/server/commands/save-contact.ts';
import { createOrganisation } from '../../src/modules/organisations/server/commands/save-organisation.ts';
import { createTestApp, makeStaff, type Client, type TestApp } from '../harness/test-app.ts';
import { makeAsset } from '../contracts/contract-builders.ts';
import { makeCustomer } from './case-builders.ts';

let t: TestApp;
let hotline: Client;
let seq = 0;
/** A token no other test of this file uses (names, serials, numbers). */
const unique = () => `${Date.now().toString(36).toUpperCase()}${++seq}`;
/** Eight digits no other test of this file uses. */
const digits = () => String(10_000_000 + ((Date.now() * 7 + ++seq * 7919) % 89_999_999)).slice(0, 8);

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' });
  hotline = (await makeStaff(t, ['hotline_operator'])).client;
});
after(() => t.close());

interface Candidate {
  kind: string;
  quality: string;
  organisation: { id: number; name: string; code: string | null };
  site: { id: number; name: string } | null;
  contact: { id: number; name: string; mobile: string | null } | null;
  asset: { id: number; serial: string; model: string } | null;
}

async function lookUp(q: string, client = hotline): Promise<Candidate[]> {
  const res = await client.get(`/api/intake/lookup?${new URLSearchParams({ q })}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items;
}

async function contactOf(
  organisationId: number,
  input: { name: string; mobile?: string; phone?: string; siteId?: number },
) {
  return addContact({ db: t.db, ctx: SYSTEM_CONTEXT, organisationId, input });
}

describe('phone numbers', () => {
  test('a caller ID finds the contact, its site and customer; exact first, spaces and dashes ignored', async () => {
    const customer = await makeCustomer(t);
    const tail = digits();
    const mobile = `139-${tail.slice(0, 4)} ${tail.slice(4)}`;
    const caller = await contactOf(customer.org.id, {
      name: `周海涛${unique()}`,
      mobile,
      siteId: customer.site.id,
    });
    // Another customer's contact whose number contains the same digits further in.
    const other = await makeCustomer(t);
    await contactOf(other.org.id, { name: `李明${unique()}`, phone: `0571 ${tail}` });

    const exact = await lookUp(`139${tail}`);
    assert.equal(exact[0]!.kind, 'phone');
    assert.equal(exact[0]!.quality, 'exact');
    assert.equal(exact[0]!.contact!.id, caller.id);
    assert.equal(exact[0]!.contact!.mobile, mobile);
    assert.equal(exact[0]!.organisation.id, customer.org.id);
    assert.equal(exact[0]!.site!.id, customer.site.id);
    // Caller ID shows the country code: still the exact contact.
    for (const typed of [`+86 139 ${tail.slice(0, 4)} ${tail.slice(4)}`, `0086139${tail}`]) {
      const withCode = await lookUp(typed);
      assert.equal(withCode[0]!.contact!.id, caller.id, typed);
      assert.equal(withCode[0]!.quality, 'exact', typed);
    }

    // Part of the number, typed with a dash: both contacts, the one whose number it ends (or starts) first.
    const partial = await lookUp(`${tail.slice(0, 4)}-${tail.slice(4)}`);
    assert.deepEqual(
      partial
        .filter((c) => c.kind === 'phone')
        .map((c) => c.organisation.id)
        .sort(),
      [customer.org.id, other.org.id].sort(),
    );
    assert.ok(partial.every((c) => c.quality !== 'exact'));
  });

  test('fewer than four digits is not a phone number; +86 and the customer’s switchboard count', async () => {
    const tail = digits();
    const org = await createOrganisation({
      db: t.db,
      ctx: SYSTEM_CONTEXT,
      input: { name: `总机客户${unique()}`, phone: `+86 10 ${tail}` },
    });
    assert.deepEqual(
      (await lookUp(tail.slice(0, 3))).filter((c) => c.organisation.id === org.id),
      [],
    );
    const found = await lookUp(`10${tail}`);
    assert.equal(found[0]!.organisation.id, org.id);
    assert.equal(found[0]!.kind, 'phone');
    assert.equal(found[0]!.quality, 'exact');
    assert.equal(found[0]!.contact, null);
  });
});

describe('serial numbers', () => {
  test('part of a serial in any case finds the asset with its customer and site; the exact serial first', async () => {
    const serial = `FOC${unique()}X0AB`;
    const customer = await makeCustomer(t, {
      contract: { startsOn: '2026-01-01', endsOn: '2026-12-31', serials: [serial] },
    });
    await t.db.updateTable('asset').set({ site_id: customer.site.id }).where('serial', '=', serial).execute();
    const longer = await makeCustomer(t);
    await makeAsset(t, longer.org.id, { serial: `${serial}-2` });

    const partial = await lookUp(serial.slice(2, -1).toLowerCase());
    const serials = partial.filter((c) => c.kind === 'serial');
    assert.deepEqual(serials.map((c) => c.asset!.serial).sort(), [serial, `${serial}-2`]);
    assert.ok(serials.every((c) => c.quality === 'partial'));

    const exact = await lookUp(serial.toLowerCase());
    assert.equal(exact[0]!.kind, 'serial');
    assert.equal(exact[0]!.quality, 'exact');
    assert.equal(exact[0]!.asset!.serial, serial);
    assert.equal(exact[0]!.asset!.model, 'C9300-48P');
    assert.equal(exact[0]!.organisation.id, customer.org.id);
    assert.equal(exact[0]!.site!.id, customer.site.id);
    assert.equal(exact[1]!.asset!.serial, `${serial}-2`);
    assert.equal(exact[1]!.quality, 'prefix');
  });
});

describe('names and codes', () => {
  test('a contact’s name, a customer’s name or code; inactive customers are left out', async () => {
    const token = unique();
    const org = await createOrganisation({
      db: t.db,
      ctx: SYSTEM_CONTEXT,
      input: { name: `滨江港务集团${token}`, code: `BJ${token}` },
    });
    const closed = await createOrganisation({
      db: t.db,
      ctx: SYSTEM_CONTEXT,
      input: { name: `滨江旧客户${token}`, active: false },
    });
    const person = await contactOf(org.id, { name: `王建国${token}` });

    const byName = await lookUp(`建国${token}`);
    assert.equal(byName[0]!.kind, 'contact');
    assert.equal(byName[0]!.contact!.id, person.id);
    assert.equal(byName[0]!.organisation.name, `滨江港务集团${token}`);

    const byCode = await lookUp(`bj${token}`.toLowerCase());
    assert.equal(byCode[0]!.kind, 'organisation');
    assert.equal(byCode[0]!.quality, 'exact');
    assert.equal(byCode[0]!.organisation.code, `BJ${token}`);

    const byOrgName = await lookUp(`港务集团${token}`);
    assert.deepEqual(
      byOrgName.map((c) => [c.kind, c.organisation.id]),
      [['organisation', org.id]],
    );
    assert.ok((await lookUp(token)).every((c) => c.organisation.id !== closed.id));
  });

  test('answers at most ten candidates (or the limit asked for)', async () => {
    const token = unique();
    const customer = await makeCustomer(t);
    for (let i = 0; i < 12; i++) await contactOf(customer.org.id, { name: `值班员${token}-${i}` });
    assert.equal((await lookUp(`值班员${token}`)).length, 10);
    const res = await hotline.get(
      `/api/intake/lookup?${new URLSearchParams({ q: `值班员${token}`, limit: '3' })}`,
    );
    assert.equal(res.json().items.length, 3);
  });
});

describe('who may look up and what they must send', () => {
  test('a customer contact is refused (403), an anonymous caller must sign in (401)', async () => {
    const customer = await makeCustomer(t);
    const res = await customer.contact.client.get(
      `/api/intake/lookup?q=${encodeURIComponent(customer.org.name)}`,
    );
    assert.equal(res.statusCode, 403, res.body);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/intake/lookup?q=1390' });
    assert.equal(anonymous.statusCode, 401);
  });

  test('a query too short, missing or too long names the field', async () => {
    for (const query of ['q=x', '', `q=${'9'.repeat(101)}`, 'q=%20%20', 'q=abc&limit=50']) {
      const res = await hotline.get(`/api/intake/lookup?${query}`);
      assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
      const field = query.includes('limit') ? 'querystring.limit' : 'querystring.q';
      assert.equal(res.json().errors[0].field, field, query);
    }
  });
});
