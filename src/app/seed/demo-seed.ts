/**
 * `tacdesk seed --demo`: loads the demo data set through the same commands the API uses, so
 * every row has its audit event. Refuses when customer data already exists.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import { SYSTEM_CONTEXT } from '../../platform/authz/actor.ts';
import { inTransaction, recordEvent } from '../../platform/events/domain-events.ts';
import {
  createContactLogin,
  createStaffUser,
  findUserByUsername,
} from '../../modules/identity/server/index.ts';
import { createOrganisation } from '../../modules/organisations/server/commands/save-organisation.ts';
import { addSite } from '../../modules/organisations/server/commands/save-site.ts';
import { addContact } from '../../modules/organisations/server/commands/save-contact.ts';
import { DEMO_BRANCHES, DEMO_CUSTOMERS, DEMO_PASSWORD, DEMO_STAFF } from './demo-data.ts';
import { seedDemoService } from './demo-service.ts';
import { seedDemoSpares } from './demo-spares.ts';

export async function seedDemo(db: Kysely<Database>): Promise<string> {
  const existing = await db.selectFrom('organisation').select('id').limit(1).executeTakeFirst();
  if (existing) throw new Error('the database already holds customer data; seed --demo needs an empty one');
  const ctx = SYSTEM_CONTEXT;

  const branchIds = new Map<string, number>();
  for (const b of DEMO_BRANCHES) {
    const id = await inTransaction(db, ctx, async (uow) => {
      const row = await uow.trx
        .insertInto('branch')
        .values({
          code: b.code,
          name: b.name,
          region: b.region,
          is_headquarters: b.isHeadquarters,
          vendor_direct_delivery: b.vendorDirectDelivery,
          address: b.address,
          phone: b.phone,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordEvent(uow, {
        type: 'branch.created',
        subjectType: 'branch',
        subjectId: row.id,
        after: row,
      });
      return row.id;
    });
    branchIds.set(b.code, id);
  }

  for (const s of DEMO_STAFF) {
    if (await findUserByUsername(db, s.username)) continue;
    await createStaffUser({
      db,
      ctx,
      input: {
        username: s.username,
        displayName: s.name,
        roles: s.roles,
        branchId: branchIds.get(s.branch) ?? null,
        phone: s.phone,
        email: `${s.username}@tacdesk.example.cn`,
        locale: 'zh-CN',
        password: DEMO_PASSWORD,
      },
      mustChangePassword: false,
    });
  }

  let contacts = 0;
  let logins = 0;
  const customers = new Map<string, number>();
  for (const c of DEMO_CUSTOMERS) {
    const org = await createOrganisation({
      db,
      ctx,
      input: {
        code: c.code,
        name: c.name,
        industry: c.industry,
        phone: c.phone,
        address: c.address,
        branchId: branchIds.get(c.branch) ?? null,
      },
    });
    customers.set(c.code, org.id);
    const siteIds: number[] = [];
    for (const site of c.sites)
      siteIds.push((await addSite({ db, ctx, organisationId: org.id, input: site })).id);
    for (const [i, person] of c.contacts.entries()) {
      const contact = await addContact({
        db,
        ctx,
        organisationId: org.id,
        input: {
          name: person.name,
          title: person.title,
          mobile: person.mobile,
          phone: person.phone,
          email: person.email,
          siteId: siteIds[0] ?? null,
          isPrimary: i === 0,
          preferredChannel: i === 0 ? 'phone' : 'email',
        },
      });
      contacts++;
      if (person.login) {
        await createContactLogin({
          db,
          ctx,
          contactId: contact.id,
          input: { username: person.login, password: DEMO_PASSWORD, locale: 'zh-CN' },
        });
        await db
          .updateTable('app_user')
          .set({ must_change_password: false })
          .where('contact_id', '=', contact.id)
          .execute();
        logins++;
      }
    }
  }
  const service = await seedDemoService(db, customers);
  const spares = await seedDemoSpares(db, branchIds);
  return [
    `demo data loaded: ${DEMO_BRANCHES.length} branches, ${DEMO_STAFF.length} staff, ${DEMO_CUSTOMERS.length} customer organisations, ${contacts} contacts (${logins} with portal accounts)`,
    service,
    spares,
    `password of every demo account: ${DEMO_PASSWORD}`,
    `staff e.g. wangfang (热线专员), zhaolei (值班工程师), hezhiyuan (Manager2); portal e.g. dengzg (华南证券)`,
  ].join('\n');
}
