/** Administrators' wording of the templates, read once per send batch so an edit applies at the next one. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { Locale, TemplateText } from '../../mail-templates.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type TemplateKind = 'email' | 'chat';

/** The override of a template in a language, if an administrator wrote one. */
export type TemplateOverrides = (
  kind: TemplateKind,
  template: string,
  locale: Locale,
) => TemplateText | undefined;

export async function loadTemplateOverrides(db: Db): Promise<TemplateOverrides> {
  const rows = await db
    .selectFrom('message_template')
    .select(['kind', 'template', 'locale', 'subject', 'body'])
    .execute();
  const byKey = new Map(
    rows.map((r) => [`${r.kind}\n${r.template}\n${r.locale}`, { subject: r.subject, body: r.body }]),
  );
  return (kind, template, locale) => byKey.get(`${kind}\n${template}\n${locale}`);
}
