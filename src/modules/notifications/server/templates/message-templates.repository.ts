/** The templates as administrators see them: each built-in default with the override that replaces it. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import { LOCALES } from '../../mail-templates.ts';
import type { MessageTemplate } from '../../message-templates.api.ts';
import type { MessageTemplateTable } from '../notifications.tables.ts';
import { TEMPLATE_CATALOG, type CatalogEntry } from './template-catalog.ts';
import type { TemplateKind } from './template-overrides.ts';

type Db = Kysely<Database> | Transaction<Database>;
type OverrideRow = Selectable<MessageTemplateTable>;

function present(entry: CatalogEntry, rows: readonly OverrideRow[]): MessageTemplate {
  return {
    kind: entry.kind,
    key: entry.key,
    group: entry.group,
    placeholders: [...entry.placeholders],
    locales: LOCALES.map((locale) => {
      const row = rows.find((r) => r.kind === entry.kind && r.template === entry.key && r.locale === locale);
      const fallback = entry.defaults[locale];
      return {
        locale,
        subject: row?.subject ?? fallback.subject,
        body: row?.body ?? fallback.body,
        overridden: Boolean(row),
        updatedAt: row?.updated_at.toISOString() ?? null,
        default: { ...fallback },
      };
    }),
  };
}

export async function listMessageTemplates(db: Db): Promise<MessageTemplate[]> {
  const rows = await db.selectFrom('message_template').selectAll().execute();
  return TEMPLATE_CATALOG.map((entry) => present(entry, rows));
}

export async function loadMessageTemplate(db: Db, entry: CatalogEntry): Promise<MessageTemplate> {
  const rows = await db
    .selectFrom('message_template')
    .selectAll()
    .where('kind', '=', entry.kind)
    .where('template', '=', entry.key)
    .execute();
  return present(entry, rows);
}

/** The stored override of one template in one language, locked for a change. */
export async function overrideForUpdate(
  trx: Transaction<Database>,
  kind: TemplateKind,
  key: string,
  locale: string,
) {
  return trx
    .selectFrom('message_template')
    .select(['subject', 'body'])
    .where('kind', '=', kind)
    .where('template', '=', key)
    .where('locale', '=', locale as 'zh-CN' | 'en')
    .forUpdate()
    .executeTakeFirst();
}
