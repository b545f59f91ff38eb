/**
 * Service contracts, full model (issue 6): the contract owner (服务专员), on-site and spare-part
 * promises, inspections per year, the renewal reminder, the follow-on contract, covered assets
 * of the installed base, and downtime extensions (seed 001: "维保期内所有因软件质量及服务问题而导致
 * 软件停止运行的，维保期将按停运天数（按24小时计算）相应延长").
 *
 * Choices made here:
 * - `ends_on` stays the effective end the entitlement reads; `extension_days` holds the days
 *   downtime added and `original_ends_on` (generated) the end as signed, so the two can never
 *   disagree.
 * - `contract_serial` is dropped: a serial now means an asset (vendor, model, site, maker's
 *   warranty). Its rows move to `contract_asset`: a serial already registered as an asset of the
 *   contract's organisation is linked to that asset; otherwise an asset is created under the
 *   placeholder model "未登记 / 未登记型号 / unregistered" (to be corrected in the installed base).
 *   A serial that the same migration gave to another organisation (two customers' contracts
 *   listed it) is not linked; the contract's notes name it, so nothing is lost silently.
 * - The follow-on contract names the contract it renews (`renews_contract_id`), not the other
 *   way round: the reference then always points to an older row (checked), which a restore in
 *   primary key order satisfies; a contract is renewed at most once (unique).
 * - Rows left `renewed` by the minimal model name no follow-on (and never entitled anyone,
 *   since only `active` did): they become `expired`, with a note.
 * Frozen: later changes go into new migrations.
 */
import { sql, type Kysely } from 'kysely';

const PLACEHOLDER_VENDOR = sql.lit('未登记');
const PLACEHOLDER_MODEL = sql.lit('未登记型号 / unregistered');

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`
    update service_contract
       set state = 'expired',
           notes = concat_ws(E'\n', notes, '迁移：原状态为“已续约”但未关联续约合同，改为“已过期” / migration: was renewed without a follow-on contract, now expired')
     where state = 'renewed'`,
    sql`
    alter table service_contract
      add column owner_id bigint references app_user(id),
      add column onsite_hours integer check (onsite_hours between 1 and 720),
      add column parts_hours integer check (parts_hours between 1 and 720),
      add column inspections_per_year smallint check (inspections_per_year between 0 and 52),
      add column renewal_notice_days integer not null default 60 check (renewal_notice_days between 0 and 365),
      add column renewal_notified_at timestamptz,
      add column extension_days integer not null default 0 check (extension_days >= 0),
      add column renews_contract_id bigint references service_contract(id),
      add constraint service_contract_renews_older check (renews_contract_id < id)`,
    sql`
    -- The end as signed, before downtime extensions.
    alter table service_contract
      add column original_ends_on date generated always as (ends_on - extension_days) stored`,
    sql`
    -- A contract is renewed by one follow-on at most; serves "which contract renewed this one".
    create unique index service_contract_renews_uq on service_contract (renews_contract_id)
      where renews_contract_id is not null`,
    sql`
    -- Serves the daily job: active contracts whose end (or renewal notice) has come.
    create index service_contract_active_end_idx on service_contract (ends_on) where state = 'active'`,
    sql`
    -- Serves "my contracts" (filter by owner).
    create index service_contract_owner_idx on service_contract (owner_id, ends_on) where owner_id is not null`,
    sql`
    create table contract_asset (
      contract_id bigint not null references service_contract(id) on delete cascade,
      asset_id bigint not null references asset(id),
      created_at timestamptz not null default now(),
      primary key (contract_id, asset_id)
    )`,
    sql`
    -- Serves the entitlement lookup by serial (asset → contracts).
    create index contract_asset_asset_idx on contract_asset (asset_id)`,
    sql`
    insert into product_model (vendor, model, category, description)
    select ${PLACEHOLDER_VENDOR}, ${PLACEHOLDER_MODEL}, 'other',
           '迁移自合同序列号清单，厂商与型号待补登 / migrated from contract serial lists; vendor and model to be registered'
     where exists (
       select 1 from contract_serial cs join service_contract c on c.id = cs.contract_id
        where not exists (select 1 from asset a where upper(a.serial) = upper(cs.serial)
                                                  and a.organisation_id = c.organisation_id))
    on conflict do nothing`,
    sql`
    -- One placeholder asset per serial, owned by the organisation of the latest contract naming it.
    insert into asset (product_model_id, vendor, serial, organisation_id, notes)
    select distinct on (upper(cs.serial)) pm.id, pm.vendor, cs.serial, c.organisation_id,
           '迁移自合同 ' || c.number || ' 的序列号清单 / migrated from the serial list of contract ' || c.number
      from contract_serial cs
      join service_contract c on c.id = cs.contract_id
      join product_model pm on pm.vendor = ${PLACEHOLDER_VENDOR} and pm.model = ${PLACEHOLDER_MODEL}
     where not exists (select 1 from asset a where upper(a.serial) = upper(cs.serial)
                                               and a.organisation_id = c.organisation_id)
     order by upper(cs.serial), c.ends_on desc, c.id desc
    on conflict do nothing`,
    sql`
    insert into contract_asset (contract_id, asset_id)
    select distinct cs.contract_id, a.id
      from contract_serial cs
      join service_contract c on c.id = cs.contract_id
      join asset a on upper(a.serial) = upper(cs.serial) and a.organisation_id = c.organisation_id
    on conflict do nothing`,
    sql`
    update service_contract c
       set notes = concat_ws(E'\n', c.notes,
             '迁移：以下序列号已登记在其他客户名下，未纳入保障范围 / migration: these serials belong to another customer and were not carried over: ' || u.serials)
      from (select cs.contract_id, string_agg(cs.serial, ', ' order by cs.serial) as serials
              from contract_serial cs
              join service_contract c2 on c2.id = cs.contract_id
             where not exists (select 1 from asset a where upper(a.serial) = upper(cs.serial)
                                                       and a.organisation_id = c2.organisation_id)
             group by cs.contract_id) u
     where c.id = u.contract_id`,
    sql`drop table contract_serial`,
    sql`
    -- Downtime caused by the software or the vendor extends the contract by whole days (seed 001).
    create table contract_extension (
      id bigint generated by default as identity primary key,
      contract_id bigint not null references service_contract(id),
      case_id bigint references support_case(id),
      cause text not null check (cause in ('software', 'vendor')),
      down_from timestamptz not null,
      down_to timestamptz not null,
      days integer not null,
      ends_on_before date not null,
      ends_on_after date not null,
      reason text not null check (length(btrim(reason)) > 0),
      recorded_by bigint references app_user(id),
      recorded_at timestamptz not null default now(),
      check (down_to > down_from),
      -- Each day counts 24 h; a started day counts whole.
      check (days = ceil(extract(epoch from (down_to - down_from)) / 86400)),
      check (ends_on_after = ends_on_before + days)
    )`,
    sql`
    -- Serves the contract's extension list (oldest first).
    create index contract_extension_contract_idx on contract_extension (contract_id, id)`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table contract_extension, contract_asset`.execute(db);
}
