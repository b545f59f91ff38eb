/**
 * The hotline finder: what the caller says (a phone number, a name, a customer, a serial on the
 * box) → the active customers it may mean, with the site, contact or asset that matched. Exact
 * serials and phone numbers first, then exact names and codes, then beginnings, then the rest.
 * Searches are substring scans (no index serves `%x%`); each kind is capped at `limit` rows.
 */
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../app/database-schema.ts';
import {
  INTAKE_MATCH_KINDS,
  INTAKE_MATCH_QUALITIES,
  type intakeCandidateSchema,
  type IntakeMatchKind,
} from '../intake.api.ts';

export type IntakeCandidate = z.infer<typeof intakeCandidateSchema>;
type Quality = IntakeCandidate['quality'];

/** Phone numbers are compared as digits; a query is a phone number from this many digits. */
const MIN_PHONE_DIGITS = 4;
const PHONE_NOISE = /[\s\-().+]/g;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const contains = (s: string) => `%${escapeLike(s)}%`;
const digitsOf = (column: string) =>
  sql<string>`regexp_replace(coalesce(${sql.ref(column)}, ''), '[^0-9]', '', 'g')`;

/** How well a text matches the query (case-insensitive). */
function textQuality(value: string | null, q: string): Quality | null {
  if (value === null) return null;
  const v = value.toLowerCase();
  const w = q.toLowerCase();
  if (v === w) return 'exact';
  if (v.startsWith(w)) return 'prefix';
  return v.includes(w) ? 'partial' : null;
}

/** Digits as dialled inside China: the country code (+86 / 0086) dropped from a mobile number. */
function national(digits: string): string {
  return /^(?:0086|86)(1\d{10})$/.exec(digits)?.[1] ?? digits;
}

/** How well a stored phone number matches typed digits: +86 and an area code's 0 may be left out. */
function phoneQuality(value: string | null, digits: string): Quality | null {
  if (value === null) return null;
  const stored = national(value.replace(/\D/g, ''));
  if (!stored) return null;
  const same = [digits, `86${digits}`, `0${digits}`];
  if (same.includes(stored) || `0${stored}` === digits) return 'exact';
  if (stored.startsWith(digits) || stored.endsWith(digits)) return 'prefix';
  return stored.includes(digits) ? 'partial' : null;
}

const best = (...qualities: (Quality | null)[]): Quality | null =>
  qualities
    .filter((q): q is Quality => q !== null)
    .sort((a, b) => INTAKE_MATCH_QUALITIES.indexOf(a) - INTAKE_MATCH_QUALITIES.indexOf(b))[0] ?? null;

/** Exact serials and phone numbers outrank everything; then exact names; then by quality and kind. */
function score(c: IntakeCandidate): number {
  const quality = INTAKE_MATCH_QUALITIES.indexOf(c.quality);
  const kind = INTAKE_MATCH_KINDS.indexOf(c.kind);
  const strong = c.quality === 'exact' && (c.kind === 'serial' || c.kind === 'phone');
  return (strong ? 0 : 1 + quality) * 10 + kind;
}

interface OrgColumns {
  organisation_id: number;
  organisation_name: string;
  organisation_code: string | null;
  organisation_phone: string | null;
}
const organisationOf = (r: OrgColumns) => ({
  id: r.organisation_id,
  name: r.organisation_name,
  code: r.organisation_code,
  phone: r.organisation_phone,
});
const ORG_COLUMNS = [
  'organisation.id as organisation_id',
  'organisation.name as organisation_name',
  'organisation.code as organisation_code',
  'organisation.phone as organisation_phone',
] as const;

function contactQuery(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom('contact')
    .innerJoin('organisation', 'organisation.id', 'contact.organisation_id')
    .leftJoin('site', (join) => join.onRef('site.id', '=', 'contact.site_id').on('site.active', '=', true))
    .select(ORG_COLUMNS)
    .select([
      'contact.id',
      'contact.name',
      'contact.mobile',
      'contact.phone',
      'contact.site_id',
      'site.name as site_name',
      'site.city as site_city',
    ])
    .where('contact.active', '=', true)
    .where('organisation.active', '=', true)
    .orderBy('contact.is_primary', 'desc')
    .orderBy('contact.id')
    .limit(limit);
}
type ContactRow = Awaited<ReturnType<ReturnType<typeof contactQuery>['execute']>>[number];

function contactCandidate(r: ContactRow, kind: IntakeMatchKind, quality: Quality): IntakeCandidate {
  return {
    kind,
    quality,
    organisation: organisationOf(r),
    site:
      r.site_id !== null && r.site_name !== null
        ? { id: r.site_id, name: r.site_name, city: r.site_city }
        : null,
    contact: { id: r.id, name: r.name, mobile: r.mobile, phone: r.phone, siteId: r.site_id },
    asset: null,
  };
}

async function bySerial(db: Kysely<Database>, q: string, limit: number): Promise<IntakeCandidate[]> {
  const wanted = q.toUpperCase();
  const rows = await db
    .selectFrom('asset')
    .innerJoin('organisation', 'organisation.id', 'asset.organisation_id')
    .innerJoin('product_model', 'product_model.id', 'asset.product_model_id')
    .leftJoin('site', (join) => join.onRef('site.id', '=', 'asset.site_id').on('site.active', '=', true))
    .select(ORG_COLUMNS)
    .select([
      'asset.id',
      'asset.serial',
      'asset.vendor',
      'asset.state',
      'asset.warranty_ends_on',
      'product_model.model',
      'asset.site_id',
      'site.name as site_name',
      'site.city as site_city',
    ])
    .where('organisation.active', '=', true)
    .where(sql<boolean>`upper(asset.serial) like ${contains(wanted)}`)
    // Exact and leading matches survive the cap; units in service before retired ones.
    .orderBy(
      sql`case when upper(asset.serial) = ${wanted} then 0 when upper(asset.serial) like ${`${escapeLike(wanted)}%`} then 1 else 2 end`,
    )
    .orderBy(sql`case when asset.state = 'retired' then 1 else 0 end`)
    .orderBy('asset.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    kind: 'serial',
    quality: textQuality(r.serial, q) ?? 'partial',
    organisation: organisationOf(r),
    site:
      r.site_id !== null && r.site_name !== null
        ? { id: r.site_id, name: r.site_name, city: r.site_city }
        : null,
    contact: null,
    asset: {
      id: r.id,
      serial: r.serial,
      vendor: r.vendor,
      model: r.model,
      state: r.state,
      warrantyEndsOn: r.warranty_ends_on,
    },
  }));
}

async function byPhone(db: Kysely<Database>, digits: string, limit: number): Promise<IntakeCandidate[]> {
  const pattern = contains(digits);
  const contacts = await contactQuery(db, limit)
    .where((eb) =>
      eb.or([
        eb(digitsOf('contact.mobile'), 'like', pattern),
        eb(digitsOf('contact.phone'), 'like', pattern),
      ]),
    )
    .execute();
  const organisations = await db
    .selectFrom('organisation')
    .select(ORG_COLUMNS)
    .where('organisation.active', '=', true)
    .where(digitsOf('organisation.phone'), 'like', pattern)
    .orderBy('organisation.id')
    .limit(limit)
    .execute();
  return [
    ...contacts.map((r) =>
      contactCandidate(
        r,
        'phone',
        best(phoneQuality(r.mobile, digits), phoneQuality(r.phone, digits)) ?? 'partial',
      ),
    ),
    ...organisations.map((r): IntakeCandidate => ({
      kind: 'phone',
      quality: phoneQuality(r.organisation_phone, digits) ?? 'partial',
      organisation: organisationOf(r),
      site: null,
      contact: null,
      asset: null,
    })),
  ];
}

async function byContactName(db: Kysely<Database>, q: string, limit: number): Promise<IntakeCandidate[]> {
  const rows = await contactQuery(db, limit).where('contact.name', 'ilike', contains(q)).execute();
  return rows.map((r) => contactCandidate(r, 'contact', textQuality(r.name, q) ?? 'partial'));
}

async function byOrganisation(db: Kysely<Database>, q: string, limit: number): Promise<IntakeCandidate[]> {
  const pattern = contains(q);
  const rows = await db
    .selectFrom('organisation')
    .select(ORG_COLUMNS)
    .where('organisation.active', '=', true)
    .where((eb) =>
      eb.or([eb('organisation.name', 'ilike', pattern), eb('organisation.code', 'ilike', pattern)]),
    )
    .orderBy('organisation.name')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    kind: 'organisation',
    quality: best(textQuality(r.organisation_name, q), textQuality(r.organisation_code, q)) ?? 'partial',
    organisation: organisationOf(r),
    site: null,
    contact: null,
    asset: null,
  }));
}

/** Up to `limit` candidates for what the caller said, best first. */
export async function lookUpIntake(
  db: Kysely<Database>,
  input: { q: string; limit: number },
): Promise<IntakeCandidate[]> {
  const q = input.q.trim();
  const digits = national(q.replace(PHONE_NOISE, ''));
  const isPhone = new RegExp(`^\\d{${MIN_PHONE_DIGITS},}$`).test(digits);
  // One after another: PGlite has one connection, and each of these is small.
  const found = [
    ...(await bySerial(db, q, input.limit)),
    ...(isPhone ? await byPhone(db, digits, input.limit) : []),
    ...(await byContactName(db, q, input.limit)),
    ...(await byOrganisation(db, q, input.limit)),
  ];
  const seen = new Set<string>();
  return found
    .map((c, order) => ({ c, order }))
    .sort((a, b) => score(a.c) - score(b.c) || a.order - b.order)
    .map(({ c }) => c)
    .filter((c) => {
      const key = [c.kind, c.organisation.id, c.contact?.id, c.asset?.id].join(':');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, input.limit);
}
