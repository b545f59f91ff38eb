/**
 * The stock report per store, as the server builds it in the reader's language: every part a store
 * holds or keeps a reorder level for, what is available, reserved and faulty, below-level rows in
 * red; one store or all, and the same report as xlsx (one sheet per store).
 */
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useLocation } from '../../../web/app/router.ts';
import { formatDateTime } from '../../../web/i18n/date-time.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { FilterBar, positiveInt, useUrlFilters } from '../../../web/shell/list-page.tsx';
import { Muted, StockPageHeader, StoreFilter, storeLabel } from './spares-display.tsx';
import { stockReportXlsxHref, useStockReport, useWarehouses, type StockReport } from './spares.queries.ts';
import './spares.css';

type Row = StockReport['warehouses'][number]['rows'][number];

export function StockReportPage() {
  const t = useT();
  const { locale } = useLocale();
  const { search } = useLocation();
  const warehouseId = useMemo(() => positiveInt(new URLSearchParams(search).get('warehouseId')), [search]);
  const update = useUrlFilters('/stock/report');
  const stores = useWarehouses();
  const report = useStockReport(warehouseId, locale);

  const columns: TableColumnsType<Row> = [
    {
      key: 'partNumber',
      title: t('spares.col.partNumber'),
      width: 200,
      render: (_, r) => <span className="stock-part-number">{r.partNumber}</span>,
    },
    { key: 'name', title: t('spares.col.name'), dataIndex: 'name', ellipsis: true },
    { key: 'unit', title: t('spares.col.unit'), dataIndex: 'unit', width: 70 },
    { key: 'good', title: t('spares.col.good'), dataIndex: 'good', width: 80, align: 'right' },
    { key: 'reserved', title: t('spares.col.reserved'), dataIndex: 'reserved', width: 80, align: 'right' },
    {
      key: 'available',
      title: t('spares.col.available'),
      width: 90,
      align: 'right',
      render: (_, r) => (
        <Typography.Text strong type={r.belowReorder ? 'danger' : undefined}>
          {r.available}
        </Typography.Text>
      ),
    },
    { key: 'faulty', title: t('spares.col.faulty'), dataIndex: 'faulty', width: 80, align: 'right' },
    {
      key: 'minStock',
      title: t('spares.col.minStock'),
      width: 110,
      align: 'right',
      render: (_, r) =>
        r.minStock === null ? (
          <Muted>—</Muted>
        ) : r.belowReorder ? (
          <Tag color="red">{t('spares.levels.below', { min: r.minStock })}</Tag>
        ) : (
          r.minStock
        ),
    },
  ];

  const sections = report.data?.warehouses ?? [];
  return (
    <div className="page page--wide stock-page">
      <StockPageHeader
        title={t('spares.report.title')}
        actions={
          <Space wrap>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('spares.report.print')}
            </Button>
            <Button
              href={stockReportXlsxHref(warehouseId)}
              icon={<DownloadOutlined />}
              download
              id="report-xlsx"
            >
              {t('spares.report.xlsx')}
            </Button>
          </Space>
        }
      />
      <FilterBar className="stock-filters">
        <StoreFilter
          className="stock-filters__select stock-filters__select--wide"
          activeOnly
          value={warehouseId}
          onChange={(id) => update({ warehouseId: id })}
        />
        {report.data && (
          <Muted>{t('spares.report.generatedAt', { time: formatDateTime(report.data.generatedAt) })}</Muted>
        )}
      </FilterBar>
      {report.isError && <ErrorAlert error={report.error} />}
      {report.isPending && <Card loading size="small" />}
      {report.data && sections.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('spares.report.empty')} />
      )}
      {sections.map((section) => {
        const below = section.rows.filter((r) => r.belowReorder).length;
        return (
          <Card
            key={section.warehouse.id}
            size="small"
            className="stock-report__store"
            data-store={section.warehouse.code}
            title={storeLabel(section.warehouse, locale, stores.data)}
            extra={
              <Space size={8}>
                <Muted>{t('spares.report.parts', { count: section.rows.length })}</Muted>
                {below > 0 && <Tag color="red">{t('spares.report.below', { count: below })}</Tag>}
              </Space>
            }
          >
            <Table<Row>
              rowKey="partId"
              size="small"
              columns={columns}
              dataSource={section.rows}
              pagination={false}
              scroll={{ x: 760 }}
              rowClassName={(r) => (r.belowReorder ? 'stock-row--below' : '')}
              locale={{ emptyText: t('spares.report.storeEmpty') }}
            />
          </Card>
        );
      })}
    </div>
  );
}
