/** Installation settings: every signed-in user reads them; administrators change them (audited). */
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { hasRole } from '../../../platform/authz/actor.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import { inTransaction, recordEvent } from '../../../platform/events/domain-events.ts';
import { readSetting, writeSetting } from '../../../platform/settings/settings.ts';
import { settingsPatch, settingsSchema, type Settings } from '../settings.api.ts';
import { registerBrandingRoutes } from './branding.routes.ts';

/** Keys in app_setting, shared with the modules that read them (cases: reopen window, hotline). */
const KEYS = {
  companyName: 'company_name',
  hotlineNumber: 'hotline_number',
  caseReopenDays: 'cases.reopen_days',
} as const;
const DEFAULTS: Settings = { companyName: 'TACdesk', hotlineNumber: null, caseReopenDays: 14 };

async function readAll(db: Kysely<Database>): Promise<Settings> {
  return {
    companyName: await readSetting(db, KEYS.companyName, DEFAULTS.companyName),
    hotlineNumber: await readSetting(db, KEYS.hotlineNumber, DEFAULTS.hotlineNumber),
    caseReopenDays: await readSetting(db, KEYS.caseReopenDays, DEFAULTS.caseReopenDays),
  };
}

export function registerSettingsRoutes(app: HttpServer, deps: { db: Kysely<Database>; clock: () => Date }) {
  const { db } = deps;
  registerBrandingRoutes(app, deps);

  app.get('/api/settings', {
    schema: {
      operationId: 'getSettings',
      tags: ['settings'],
      summary: 'Company name, hotline number, reopen window',
      response: { 200: settingsSchema },
    },
    handler: async (request) => {
      requireActor(request);
      return readAll(db);
    },
  });

  app.patch('/api/settings', {
    schema: {
      operationId: 'updateSettings',
      tags: ['settings'],
      summary: 'Change settings (administrators)',
      body: settingsPatch,
      response: { 200: settingsSchema },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      if (!hasRole(ctx.actor, 'admin')) throw new AppError('forbidden', 'administrators only');
      await inTransaction(db, ctx, async (uow) => {
        const before = await readAll(uow.trx);
        for (const [field, value] of Object.entries(request.body) as Array<[keyof Settings, unknown]>) {
          if (value !== undefined) await writeSetting(uow.trx, KEYS[field], value);
        }
        await recordEvent(uow, {
          type: 'settings.updated',
          subjectType: 'settings',
          subjectId: 'installation',
          before,
          after: await readAll(uow.trx),
        });
      });
      return readAll(db);
    },
  });
}
