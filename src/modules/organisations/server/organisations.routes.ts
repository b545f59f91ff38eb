/** Customer organisations, their sites and contacts. Foreign organisations answer 404. */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { notFound } from '../../../platform/http/app-error.ts';
import type { Actor } from '../../../platform/authz/actor.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import {
  contactBody,
  contactPatch,
  contactSchema,
  idParams,
  organisationBody,
  organisationListQuery,
  organisationPatch,
  organisationSchema,
  siteBody,
  sitePatch,
  siteSchema,
} from '../organisations.api.ts';
import { organisationsPolicy, scopeToOrganisation } from './organisations.policy.ts';
import { presentContact, presentOrganisation, presentSite } from './organisations.presenter.ts';
import { createOrganisation, updateOrganisation } from './commands/save-organisation.ts';
import { addSite, updateSite } from './commands/save-site.ts';
import { addContact, updateContact } from './commands/save-contact.ts';

const tags = ['organisations'];

export function registerOrganisationRoutes(app: HttpServer, deps: { db: Kysely<Database> }) {
  const { db } = deps;

  /** The organisation if it exists and the actor may read it; otherwise 404. */
  async function readableOrganisation(actor: Actor, id: number) {
    const org = await db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
    if (!org || !organisationsPolicy.canRead(actor, org.id)) throw notFound('organisation');
    return org;
  }

  app.get('/api/organisations', {
    schema: {
      operationId: 'listOrganisations',
      tags,
      summary: 'Customer organisations (a contact sees only its own)',
      querystring: organisationListQuery,
      response: { 200: z.object({ items: z.array(organisationSchema), nextAfter: z.number().nullable() }) },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const { q, limit, after } = request.query;
      let query = scopeToOrganisation(actor, db.selectFrom('organisation').selectAll(), 'organisation.id');
      if (q) {
        const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('code', 'ilike', pattern)]));
      }
      if (after) query = query.where('id', '>', after);
      const rows = await query.orderBy('id').limit(limit).execute();
      return {
        items: rows.map((r) => presentOrganisation(r, actor)),
        nextAfter: rows.length === limit ? rows.at(-1)!.id : null,
      };
    },
  });

  app.get('/api/organisations/:id', {
    schema: {
      operationId: 'getOrganisation',
      tags,
      summary: 'One organisation',
      params: idParams,
      response: { 200: organisationSchema },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      return presentOrganisation(await readableOrganisation(actor, request.params.id), actor);
    },
  });

  app.post('/api/organisations', {
    schema: {
      operationId: 'createOrganisation',
      tags,
      summary: 'Add a customer organisation',
      body: organisationBody,
      response: { 201: organisationSchema },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request);
      const row = await createOrganisation({ db, ctx, input: request.body });
      return reply.status(201).send(presentOrganisation(row, ctx.actor));
    },
  });

  app.patch('/api/organisations/:id', {
    schema: {
      operationId: 'updateOrganisation',
      tags,
      summary: 'Change an organisation',
      params: idParams,
      body: organisationPatch,
      response: { 200: organisationSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      return presentOrganisation(
        await updateOrganisation({ db, ctx, id: request.params.id, input: request.body }),
        ctx.actor,
      );
    },
  });

  app.get('/api/organisations/:id/sites', {
    schema: {
      operationId: 'listSites',
      tags,
      summary: 'Sites of an organisation',
      params: idParams,
      response: { 200: z.object({ items: z.array(siteSchema) }) },
    },
    handler: async (request) => {
      const org = await readableOrganisation(requireActor(request), request.params.id);
      const rows = await db
        .selectFrom('site')
        .selectAll()
        .where('organisation_id', '=', org.id)
        .orderBy('id')
        .limit(1000)
        .execute();
      return { items: rows.map(presentSite) };
    },
  });

  app.post('/api/organisations/:id/sites', {
    schema: {
      operationId: 'addSite',
      tags,
      summary: 'Add a site',
      params: idParams,
      body: siteBody,
      response: { 201: siteSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(
        presentSite(
          await addSite({
            db,
            ctx: contextOf(request),
            organisationId: request.params.id,
            input: request.body,
          }),
        ),
      ),
  });

  app.patch('/api/sites/:id', {
    schema: {
      operationId: 'updateSite',
      tags,
      summary: 'Change a site',
      params: idParams,
      body: sitePatch,
      response: { 200: siteSchema },
    },
    handler: async (request) =>
      presentSite(
        await updateSite({ db, ctx: contextOf(request), id: request.params.id, input: request.body }),
      ),
  });

  app.get('/api/organisations/:id/contacts', {
    schema: {
      operationId: 'listContacts',
      tags,
      summary: 'Contacts of an organisation',
      params: idParams,
      response: { 200: z.object({ items: z.array(contactSchema) }) },
    },
    handler: async (request) => {
      const org = await readableOrganisation(requireActor(request), request.params.id);
      const rows = await db
        .selectFrom('contact')
        .selectAll()
        .where('organisation_id', '=', org.id)
        .orderBy('id')
        .limit(1000)
        .execute();
      return { items: rows.map(presentContact) };
    },
  });

  app.post('/api/organisations/:id/contacts', {
    schema: {
      operationId: 'addContact',
      tags,
      summary: 'Add a contact',
      params: idParams,
      body: contactBody,
      response: { 201: contactSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(
        presentContact(
          await addContact({
            db,
            ctx: contextOf(request),
            organisationId: request.params.id,
            input: request.body,
          }),
        ),
      ),
  });

  app.get('/api/contacts/:id', {
    schema: {
      operationId: 'getContact',
      tags,
      summary: 'One contact',
      params: idParams,
      response: { 200: contactSchema },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const row = await scopeToOrganisation(
        actor,
        db.selectFrom('contact').selectAll(),
        'contact.organisation_id',
      )
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!row) throw notFound('contact');
      return presentContact(row);
    },
  });

  app.patch('/api/contacts/:id', {
    schema: {
      operationId: 'updateContact',
      tags,
      summary: 'Change a contact',
      params: idParams,
      body: contactPatch,
      response: { 200: contactSchema },
    },
    handler: async (request) =>
      presentContact(
        await updateContact({ db, ctx: contextOf(request), id: request.params.id, input: request.body }),
      ),
  });
}
