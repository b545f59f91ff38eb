/**
 * Small pieces shared by the stock pages: the page header with the stock sub-navigation, names by
 * locale, state and movement tags, whether the user keeps the stores, and the server's shortage
 * ("only N available") in words.
 */
import { Select, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { isApiError } from '../../../web/api/api-error.ts';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useMe } from '../../../web/app/current-session.ts';
import { useLocation } from '../../../web/app/router.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import type { Locale, Translate } from '../../../web/i18n/translate.ts';
import {
  MOVEMENT_RULES,
  PART_UNIT_LABELS,
  PURCHASE_ORDER_STATE_LABELS,
  STOCK_KEEPER_ROLES,
  UNIT_STATE_LABELS,
  type PartUnit,
  type PurchaseOrderState,
  type StockBucket,
  type StockMovementKind,
  type StockUnitState,
} from '../spares-model.ts';
import { useWarehouses, type Warehouse } from './spares.queries.ts';

/** Whether the user keeps the stores (movements, parts, stores, purchase orders); the server checks again. */
export function useStockKeeper(): boolean {
  const me = useMe();
  return me.roles.some((role) => (STOCK_KEEPER_ROLES as readonly string[]).includes(role));
}

/** The part's name in the reader's language (the Chinese name when no English one is kept). */
export function partName(part: { name: string; nameEn?: string | null }, locale: Locale): string {
  return locale === 'en' && part.nameEn ? part.nameEn : part.name;
}

/** "WH-HZ 杭州备件库": the store's code and its name in the reader's language. */
export function storeLabel(
  store: { id: number; code: string; name: string; nameEn?: string | null },
  locale: Locale,
  stores?: readonly Warehouse[],
): string {
  const nameEn = store.nameEn ?? stores?.find((s) => s.id === store.id)?.nameEn;
  return `${store.code} ${locale === 'en' && nameEn ? nameEn : store.name}`;
}

export const unitLabel = (unit: PartUnit, locale: Locale) => PART_UNIT_LABELS[unit]?.[locale] ?? unit;

const UNIT_STATE_COLORS: Record<StockUnitState, string> = {
  available: 'green',
  reserved: 'gold',
  issued: 'blue',
  faulty: 'red',
  at_vendor: 'purple',
  scrapped: 'default',
};

export function UnitStateTag({ state }: { state: StockUnitState }) {
  const { locale } = useLocale();
  return (
    <Tag color={UNIT_STATE_COLORS[state]} className="stock-unit-state" data-state={state}>
      {UNIT_STATE_LABELS[state][locale]}
    </Tag>
  );
}

const KIND_COLORS: Record<StockMovementKind, string> = {
  purchase_in: 'green',
  reserve: 'gold',
  release: 'default',
  issue: 'blue',
  return_faulty: 'volcano',
  send_to_vendor: 'purple',
  receive_from_vendor: 'cyan',
  scrap: 'red',
  transfer: 'geekblue',
};

export function MovementKindTag({ kind }: { kind: StockMovementKind }) {
  const { locale } = useLocale();
  return (
    <Tag color={KIND_COLORS[kind]} className="stock-kind-tag" data-kind={kind}>
      {MOVEMENT_RULES[kind].label[locale]}
    </Tag>
  );
}

const PO_STATE_COLORS: Record<PurchaseOrderState, string> = {
  draft: 'default',
  ordered: 'processing',
  partially_received: 'gold',
  received: 'success',
  cancelled: 'default',
};

export function PurchaseOrderStateTag({ state }: { state: PurchaseOrderState }) {
  const { locale } = useLocale();
  return (
    <Tag color={PO_STATE_COLORS[state]} className="po-state-tag" data-state={state}>
      {PURCHASE_ORDER_STATE_LABELS[state][locale]}
    </Tag>
  );
}

/** The label of a stock bucket (available / reserved / faulty). */
export const bucketLabel = (bucket: StockBucket, t: Translate) => t(`spares.bucket.${bucket}`);

const STOCK_PAGES = [
  { href: '/stock', key: 'spares.nav.levels' },
  { href: '/stock/movements', key: 'spares.nav.movements' },
  { href: '/stock/purchase-orders', key: 'spares.nav.purchaseOrders' },
  { href: '/stock/parts', key: 'spares.nav.parts' },
  { href: '/stock/warehouses', key: 'spares.nav.warehouses' },
  { href: '/stock/report', key: 'spares.nav.report' },
] as const;

/** The title row of a stock page (title, actions) over the links to the other stock pages. */
export function StockPageHeader({ title, actions }: { title: ReactNode; actions?: ReactNode }) {
  const t = useT();
  const { pathname } = useLocation();
  const current =
    STOCK_PAGES.toReversed().find((p) => pathname === p.href || pathname.startsWith(`${p.href}/`))?.href ??
    '/stock';
  return (
    <>
      <nav className="stock-nav" aria-label={t('spares.nav.label')}>
        {STOCK_PAGES.map((p) => (
          <AppLink
            key={p.href}
            href={p.href}
            className={p.href === current ? 'stock-nav__link stock-nav__link--current' : 'stock-nav__link'}
            aria-current={p.href === current ? 'page' : undefined}
          >
            {t(p.key)}
          </AppLink>
        ))}
      </nav>
      <header className="stock-page-header">
        <Typography.Title level={2} className="page__title">
          {title}
        </Typography.Title>
        {actions}
      </header>
    </>
  );
}

const SHORTAGE = /has (\d+) (available|reserved|faulty), (\d+) needed/;

/** "仅 2 件可用，需要 3": the server's 409 on a shortage, in the reader's language. */
export function shortageText(message: string, t: Translate): string | null {
  const match = SHORTAGE.exec(message);
  if (!match) return null;
  return t('spares.error.shortage', {
    have: match[1]!,
    bucket: bucketLabel(match[2] as StockBucket, t),
    need: match[3]!,
  });
}

/** The server's reason for a refusal (409), for an alert under a form: the shortage in words, else its text. */
export function conflictReason(error: unknown, t: Translate): string | undefined {
  if (!isApiError(error, 'conflict') || !error.detail) return undefined;
  return shortageText(error.detail, t) ?? error.detail;
}

/** The store filter of a stock list ("all stores" when empty); `activeOnly` leaves closed stores out. */
export function StoreFilter({
  id,
  className = 'stock-filters__select',
  activeOnly = false,
  value,
  onChange,
}: {
  id?: string;
  className?: string;
  activeOnly?: boolean;
  value: number | undefined;
  onChange: (warehouseId: number | undefined) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const stores = useWarehouses();
  return (
    <Select
      aria-label={t('spares.col.store')}
      placeholder={t('spares.filter.allStores')}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      className={className}
      id={id}
      value={value}
      onChange={(warehouseId?: number) => onChange(warehouseId)}
      options={(stores.data ?? [])
        .filter((s) => !activeOnly || s.active)
        .map((s) => ({ value: s.id, label: storeLabel(s, locale) }))}
    />
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return <Typography.Text type="secondary">{children}</Typography.Text>;
}
