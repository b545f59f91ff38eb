/**
 * The company's logo: administrators upload a PNG, JPEG or WebP (checked by its bytes, at most
 * 256 KB; kept in app_setting, so backups carry it) or remove it; every page — the login page too —
 * reads the name and logo version from `GET /api/branding` and the image from `/api/branding/logo`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { AppError, invalidField } from '../../../platform/http/app-error.ts';
import { hasRole } from '../../../platform/authz/actor.ts';
import { contextOf } from '../../../platform/http/request-context.ts';
import { inTransaction, recordEvent } from '../../../platform/events/domain-events.ts';
import { readSetting, writeSetting } from '../../../platform/settings/settings.ts';
import { brandingSchema, logoBody, MAX_LOGO_BYTES, type Branding } from '../settings.api.ts';

const LOGO_KEY = 'branding.logo';

/** The headset mark of src/web/shell/brand-mark.tsx, for clients that ask for the logo when none is set. */
const BUILT_IN_MARK =
  '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">' +
  '<rect width="32" height="32" rx="8" fill="#1f5fd1"/>' +
  '<path d="M9 18v-2a7 7 0 0 1 14 0v2" fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round"/>' +
  '<rect x="7" y="17" width="4.5" height="7" rx="1.8" fill="#fff"/>' +
  '<rect x="20.5" y="17" width="4.5" height="7" rx="1.8" fill="#fff"/></svg>';

interface StoredLogo {
  type: string;
  data: string;
  version: string;
}

/** The image type its first bytes say, when it is one of the accepted ones. */
function sniff(bytes: Buffer): string | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return null;
}

export async function readBranding(db: Kysely<Database>): Promise<Branding> {
  const logo = await readSetting<StoredLogo | null>(db, LOGO_KEY, null);
  return {
    companyName: await readSetting(db, 'company_name', 'TACdesk'),
    logoVersion: logo?.version ?? null,
  };
}

export function registerBrandingRoutes(app: HttpServer, deps: { db: Kysely<Database>; clock: () => Date }) {
  const { db, clock } = deps;
  const requireAdmin = (ctx: ReturnType<typeof contextOf>) => {
    if (!hasRole(ctx.actor, 'admin')) throw new AppError('forbidden', 'administrators only');
  };

  app.get('/api/branding', {
    config: { public: true },
    schema: {
      operationId: 'getBranding',
      tags: ['settings'],
      summary: 'Company name and logo version, for every page (no sign-in needed)',
      response: { 200: brandingSchema },
    },
    handler: async () => readBranding(db),
  });

  app.get('/api/branding/logo', {
    config: { public: true },
    schema: {
      operationId: 'getBrandingLogo',
      tags: ['settings'],
      summary: 'The uploaded logo image, or the built-in mark when none is uploaded',
    },
    handler: async (_request, reply) => {
      const logo = await readSetting<StoredLogo | null>(db, LOGO_KEY, null);
      reply.header('cache-control', 'public, max-age=300');
      reply.header('x-content-type-options', 'nosniff');
      if (!logo) return reply.type('image/svg+xml').send(BUILT_IN_MARK);
      return reply.type(logo.type).send(Buffer.from(logo.data, 'base64'));
    },
  });

  app.put('/api/branding/logo', {
    schema: {
      operationId: 'uploadBrandingLogo',
      tags: ['settings'],
      summary: 'Upload the company logo (administrators): PNG, JPEG or WebP, at most 256 KB',
      body: logoBody,
      response: { 200: brandingSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      requireAdmin(ctx);
      const bytes = Buffer.from(request.body.dataUrl.slice(request.body.dataUrl.indexOf(',') + 1), 'base64');
      if (bytes.length > MAX_LOGO_BYTES)
        throw invalidField(
          'body.dataUrl',
          `at most ${MAX_LOGO_BYTES / 1024} KB`,
          `不能超过 ${MAX_LOGO_BYTES / 1024} KB`,
        );
      const type = sniff(bytes);
      if (!type)
        throw invalidField('body.dataUrl', 'not a PNG, JPEG or WebP image', '不是 PNG、JPEG 或 WebP 图片');
      const version = clock().getTime().toString(36);
      await inTransaction(db, ctx, async (uow) => {
        await writeSetting(uow.trx, LOGO_KEY, { type, data: bytes.toString('base64'), version });
        await recordEvent(uow, {
          type: 'settings.logo_changed',
          subjectType: 'settings',
          subjectId: 'installation',
          after: { type, bytes: bytes.length, version },
        });
      });
      return readBranding(db);
    },
  });

  app.delete('/api/branding/logo', {
    schema: {
      operationId: 'removeBrandingLogo',
      tags: ['settings'],
      summary: 'Remove the company logo (administrators): the built-in mark again',
      response: { 200: brandingSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      requireAdmin(ctx);
      await inTransaction(db, ctx, async (uow) => {
        await uow.trx.deleteFrom('app_setting').where('key', '=', LOGO_KEY).execute();
        await recordEvent(uow, {
          type: 'settings.logo_removed',
          subjectType: 'settings',
          subjectId: 'installation',
        });
      });
      return readBranding(db);
    },
  });
}
