/**
 * What backup and restore know about the schema, read from the PostgreSQL catalog rather than
 * from the application's types, so any table a migration adds is carried without code changes.
 * Also the per-type codecs: how a column is read as a JSON value and written back.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: tables come from the catalog
export type AnyDb = Kysely<any>;

/**
 * How a column's values look in the file. Everything without a natural JSON form travels as
 * PostgreSQL's own text representation, which the type's input function reads back exactly.
 * That includes json/jsonb: as a parsed value, a JSON `null` would come back as SQL NULL and
 * `12.50` as `12.5`; as its text, it comes back exactly.
 */
export type Codec = 'native' | 'int8' | 'float' | 'bytea' | 'timestamptz' | 'timestamp' | 'text';

export interface CatalogColumn {
  name: string;
  type: string;
  codec: Codec;
  /** Sequence behind an identity or serial column, reset after a restore. */
  sequence: string | null;
  identity: boolean;
}

export interface CatalogTable {
  name: string;
  columns: CatalogColumn[];
  primaryKey: string[];
  /** Other tables this one references; they are restored first. */
  parents: string[];
}

// Kysely's bookkeeping: restore recreates it by running the migrations.
const EXCLUDED_TABLES = ['kysely_migration', 'kysely_migration_lock'];

const CODECS: Record<string, Codec> = {
  bool: 'native',
  int2: 'native',
  int4: 'native',
  int8: 'int8',
  float4: 'float',
  float8: 'float',
  bytea: 'bytea',
  timestamptz: 'timestamptz',
  timestamp: 'timestamp',
};

/** Quotes an identifier for SQL built by hand (the bulk paths). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Names of the application's tables in the public schema, whatever their content. */
export async function listTables(db: AnyDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
      and c.relname not in (${sql.join(EXCLUDED_TABLES)})
    order by c.relname
  `.execute(db);
  return rows.map((r) => r.name);
}

/** Reads every table with its columns, primary key and parents, parents first. */
export async function readCatalog(db: AnyDb): Promise<CatalogTable[]> {
  const names = await listTables(db);
  const tables = new Map<string, CatalogTable>(
    names.map((name) => [name, { name, columns: [], primaryKey: [], parents: [] }]),
  );

  const columns = await sql<{
    table: string;
    name: string;
    type: string;
    base: string;
    sequence: string | null;
    identity: boolean;
  }>`
    select c.relname as table, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
      coalesce(bt.typname, t.typname) as base, a.attidentity <> '' as identity,
      pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname) as sequence
    from pg_attribute a
      join pg_class c on c.oid = a.attrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_type t on t.oid = a.atttypid
      left join pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
    -- Generated columns are computed again on insert and cannot be written.
    where n.nspname = 'public' and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    order by c.relname, a.attnum
  `.execute(db);
  for (const col of columns.rows) {
    tables.get(col.table)?.columns.push({
      name: col.name,
      type: col.type,
      codec: CODECS[col.base] ?? 'text',
      sequence: col.sequence,
      identity: col.identity,
    });
  }

  const keys = await sql<{ table: string; column: string }>`
    select c.relname as table, a.attname as column
    from pg_index i
      join pg_class c on c.oid = i.indrelid
      join pg_namespace n on n.oid = c.relnamespace
      cross join lateral unnest(i.indkey::int2[]) with ordinality as k(attnum, position)
      join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where i.indisprimary and n.nspname = 'public'
    order by c.relname, k.position
  `.execute(db);
  for (const key of keys.rows) tables.get(key.table)?.primaryKey.push(key.column);

  const refs = await sql<{ child: string; parent: string }>`
    select distinct c.relname as child, p.relname as parent
    from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = 'public'
  `.execute(db);
  for (const ref of refs.rows) {
    // A self-reference is satisfied by restoring the rows in primary key order.
    if (ref.child !== ref.parent && tables.has(ref.parent)) tables.get(ref.child)?.parents.push(ref.parent);
  }

  return dependencyOrder([...tables.values()]);
}

/** Topological sort (Kahn), ties broken by name so the file order is stable. */
export function dependencyOrder(tables: CatalogTable[]): CatalogTable[] {
  const pending = new Map(tables.map((t) => [t.name, new Set(t.parents)]));
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: CatalogTable[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter(([, parents]) => parents.size === 0).map(([name]) => name);
    if (ready.length === 0) {
      throw new Error(
        `Foreign keys form a cycle between tables ${[...pending.keys()].join(', ')}; backup cannot order them`,
      );
    }
    for (const name of ready.sort()) {
      ordered.push(byName.get(name)!);
      pending.delete(name);
      for (const parents of pending.values()) parents.delete(name);
    }
  }
  return ordered;
}

/** SQL that reads a column in its file form (result column `alias`). */
export function readExpression(column: CatalogColumn, alias: string): string {
  const c = quoteIdent(column.name);
  // Years outside 1..9999 and infinities fall back to the text form, which stays exact.
  const inRange = `isfinite(${c}) and ${c} >= '0001-01-01' and ${c} < '10000-01-01'`;
  switch (column.codec) {
    case 'native':
      return `${c} as ${alias}`;
    case 'bytea':
      return `translate(encode(${c}, 'base64'), E'\\n', '') as ${alias}`;
    case 'timestamptz':
      return `case when ${inRange} then to_char(${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') else ${c}::text end as ${alias}`;
    case 'timestamp':
      return `case when ${inRange} then to_char(${c}, 'YYYY-MM-DD"T"HH24:MI:SS.US') else ${c}::text end as ${alias}`;
    default:
      return `${c}::text as ${alias}`;
  }
}

/** SQL that turns `text` (an SQL expression of type text, the file form) into the column's type. */
export function writeExpression(column: CatalogColumn, text: string): string {
  return column.codec === 'bytea' ? `decode(${text}, 'base64')` : `${text}::${column.type}`;
}

/** Turns a value as read from the database into its file form. */
export function toFileValue(codec: Codec, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (codec === 'int8' || codec === 'float') {
    // Numbers when JSON can carry them exactly; otherwise the text form ('NaN', '-0', huge int8s).
    const n = Number(value);
    const exact = codec === 'int8' ? Number.isSafeInteger(n) : Number.isFinite(n) && !Object.is(n, -0);
    return exact ? n : value;
  }
  return value;
}

/** Turns a file value into the text parameter `writeExpression` expects. */
export function toParameter(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Session settings that make text forms identical on every engine and server configuration. */
export async function setStableTextForms(db: AnyDb): Promise<void> {
  await sql`
    select set_config('timezone', 'UTC', true), set_config('datestyle', 'ISO, YMD', true),
      set_config('intervalstyle', 'postgres', true), set_config('extra_float_digits', '1', true),
      set_config('bytea_output', 'hex', true)
  `.execute(db);
}
