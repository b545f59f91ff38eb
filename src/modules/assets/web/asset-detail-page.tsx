/**
 * One asset: model and vendor, serial, customer and site, installation, the maker's warranty,
 * state, internal notes, the units it replaced or was replaced by; the correction dialog for
 * those the server allows; the history (events, cases, RMAs, swaps) newest first.
 */
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Result,
  Row,
  Space,
  Tag,
  Typography,
  type DescriptionsProps,
} from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../web/api/api-error.ts';
import { AppLink } from '../../../web/app/app-link.tsx';
import { PageLoading } from '../../../web/app/boot-screen.tsx';
import { useLocation } from '../../../web/app/router.ts';
import { formatDateTime } from '../../../web/i18n/date-time.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { AssetStateTag, Muted, WarrantyEnd } from './asset-display.tsx';
import { AssetFormDialog } from './asset-form-dialog.tsx';
import { AssetHistory } from './asset-history.tsx';
import { useAsset, type Asset } from './assets.queries.ts';
import './assets.css';

export function AssetDetailPage() {
  const t = useT();
  const { pathname } = useLocation();
  const id = Number(pathname.split('/')[2]);
  const asset = useAsset(id);

  if (asset.isPending) return <PageLoading />;
  if (asset.isError)
    return isApiError(asset.error, 'not_found') ? (
      <Result
        status="404"
        title={t('assets.detail.notFound')}
        extra={<AppLink href="/assets">{t('assets.detail.back')}</AppLink>}
      />
    ) : (
      <ErrorAlert error={asset.error} />
    );
  return <AssetDetail asset={asset.data} />;
}

/** The other unit of a swap, by vendor and serial once loaded. */
function AssetRef({ id }: { id: number }) {
  const other = useAsset(id);
  return (
    <AppLink href={`/assets/${id}`} className="asset-serial">
      {other.data ? `${other.data.vendor} ${other.data.serial}` : `#${id}`}
    </AppLink>
  );
}

function AssetDetail({ asset }: { asset: Asset }) {
  const t = useT();
  const { locale } = useLocale();
  const [editing, setEditing] = useState(false);

  const items: DescriptionsProps['items'] = [
    { key: 'vendor', label: t('assets.field.vendor'), children: asset.vendor },
    { key: 'model', label: t('assets.field.model'), children: asset.model.model },
    { key: 'partNumber', label: t('assets.field.partNumber'), children: asset.model.partNumber ?? <Muted /> },
    { key: 'category', label: t('assets.field.category'), children: asset.model.categoryLabel[locale] },
    {
      key: 'serial',
      label: t('assets.field.serial'),
      children: (
        <Typography.Text copyable className="asset-serial">
          {asset.serial}
        </Typography.Text>
      ),
    },
    { key: 'customer', label: t('assets.field.customer'), children: asset.organisation.name },
    { key: 'site', label: t('assets.field.site'), children: asset.site?.name ?? <Muted /> },
    { key: 'installedOn', label: t('assets.field.installedOn'), children: asset.installedOn ?? <Muted /> },
    {
      key: 'warranty',
      label: t('assets.field.warrantyEndsOn'),
      children: <WarrantyEnd endsOn={asset.warrantyEndsOn} />,
    },
    {
      key: 'state',
      label: t('assets.field.state'),
      children: <AssetStateTag state={asset.state} label={asset.stateLabel} />,
    },
    ...(asset.replacesAssetId !== null
      ? [
          {
            key: 'replaces',
            label: t('assets.detail.replaces'),
            children: <AssetRef id={asset.replacesAssetId} />,
          },
        ]
      : []),
    ...(asset.replacedByAssetId !== null
      ? [
          {
            key: 'replacedBy',
            label: t('assets.detail.replacedBy'),
            children: <AssetRef id={asset.replacedByAssetId} />,
          },
        ]
      : []),
    { key: 'updatedAt', label: t('assets.detail.updatedAt'), children: formatDateTime(asset.updatedAt) },
  ];

  return (
    <div className="page assets-page asset-detail">
      <AppLink href="/assets" className="asset-detail__back">
        <ArrowLeftOutlined /> {t('assets.detail.back')}
      </AppLink>
      <header className="asset-detail__header">
        <div className="asset-detail__heading">
          <div className="asset-detail__line">
            <Typography.Text copyable className="asset-detail__serial" id="asset-serial">
              {asset.serial}
            </Typography.Text>
            <AssetStateTag state={asset.state} label={asset.stateLabel} />
            {asset.inWarranty === true && <Tag color="green">{t('assets.warranty.inWarranty')}</Tag>}
            {asset.inWarranty === false && <Tag color="red">{t('assets.warranty.expired')}</Tag>}
          </div>
          <Typography.Title level={2} className="page__title asset-detail__title" id="asset-title">
            {asset.vendor} {asset.model.model}
          </Typography.Title>
          <Typography.Text type="secondary">
            {asset.organisation.name}
            {asset.site ? ` · ${asset.site.name}` : ''}
          </Typography.Text>
        </div>
        {asset.abilities.update && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} id="asset-edit">
            {t('assets.detail.edit')}
          </Button>
        )}
      </header>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size="middle" className="page__stack">
            <Card size="small" title={t('assets.detail.facts')}>
              <Descriptions size="small" column={1} items={items} id="asset-facts" key={locale} />
            </Card>
            {asset.notes !== null && (
              <Card size="small" title={t('assets.field.notes')} id="asset-notes">
                <Typography.Paragraph type="secondary" className="asset-detail__notes-hint">
                  {t('assets.detail.notesInternal')}
                </Typography.Paragraph>
                <div className="asset-detail__notes">{asset.notes}</div>
              </Card>
            )}
          </Space>
        </Col>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size="middle" className="page__stack">
            <Card size="small" title={t('assets.history.title')}>
              <AssetHistory assetId={asset.id} />
            </Card>
          </Space>
        </Col>
      </Row>
      {editing && (
        <AssetFormDialog asset={asset} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
      )}
    </div>
  );
}
