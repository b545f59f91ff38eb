/**
 * Import of the installed base from one xlsx: the template, the upload, "check only" (dry run) and
 * the import itself. All or nothing: a workbook with any problem is refused whole, with its
 * problems row by row (and as an xlsx report to fix the sheet from).
 */
import { CheckCircleOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Descriptions,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { reportError } from '../../../web/app/error-reporter.ts';
import { useCsrfToken } from '../../../web/app/current-session.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import {
  downloadImportReport,
  ImportRejectedError,
  useImportMutation,
  type ImportProblem,
  type ImportSummary,
} from './assets.queries.ts';

export function AssetImportDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const csrfToken = useCsrfToken();
  const [file, setFile] = useState<File | null>(null);
  const [downloading, setDownloading] = useState(false);
  const run = useImportMutation(csrfToken);
  const summary = run.data;
  const rejection = run.error instanceof ImportRejectedError ? run.error : null;
  const checkedOk = summary?.dryRun === true;
  const imported = summary?.dryRun === false;

  const choose = (chosen: File | null) => {
    setFile(chosen);
    run.reset();
  };

  const start = (dryRun: boolean) => {
    if (file) run.mutate({ file, dryRun });
  };

  const saveReport = async () => {
    if (!file) return;
    setDownloading(true);
    try {
      await downloadImportReport(file, csrfToken);
    } catch (error) {
      reportError(error);
    } finally {
      setDownloading(false);
    }
  };

  const problemColumns: TableColumnsType<ImportProblem> = [
    { key: 'row', title: t('assets.import.col.row'), dataIndex: 'row', width: 70 },
    {
      key: 'column',
      title: t('assets.import.col.column'),
      width: 140,
      render: (_, p) => p.columnTitle || (p.column === 'file' ? t('assets.import.wholeFile') : p.column),
    },
    {
      key: 'value',
      title: t('assets.import.col.value'),
      dataIndex: 'value',
      width: 180,
      ellipsis: true,
      render: (value: string | null) => value ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    { key: 'message', title: t('assets.import.col.message'), dataIndex: 'message' },
  ];

  return (
    <Modal
      open
      title={t('assets.import.title')}
      onCancel={onClose}
      width={860}
      destroyOnHidden
      footer={
        imported ? (
          <Button type="primary" onClick={onClose} id="asset-import-done">
            {t('assets.import.done')}
          </Button>
        ) : (
          <Space wrap>
            <Button onClick={onClose}>{t('dialog.cancel')}</Button>
            <Button
              id="asset-import-check"
              disabled={!file}
              loading={run.isPending && run.variables?.dryRun === true}
              onClick={() => start(true)}
            >
              {t('assets.import.check')}
            </Button>
            <Button
              id="asset-import-run"
              type="primary"
              disabled={!file || rejection !== null}
              loading={run.isPending && run.variables?.dryRun === false}
              onClick={() => start(false)}
            >
              {t('assets.import.run')}
            </Button>
          </Space>
        )
      }
    >
      <Space orientation="vertical" size="middle" className="page__stack">
        <Alert
          type="info"
          showIcon
          title={t('assets.import.allOrNothing')}
          description={t('assets.import.howTo')}
        />
        <Space wrap>
          <Button
            href="/api/assets/import-template.xlsx"
            icon={<DownloadOutlined />}
            download
            id="asset-import-template"
          >
            {t('assets.import.template')}
          </Button>
          <Typography.Text type="secondary">{t('assets.import.templateHint')}</Typography.Text>
        </Space>
        {!imported && (
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            fileList={
              file ? [{ uid: 'workbook', name: file.name, size: file.size, status: 'done' as const }] : []
            }
            beforeUpload={(chosen) => {
              choose(chosen);
              return false;
            }}
            onRemove={() => choose(null)}
            className="asset-import__upload"
            id="asset-import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('assets.import.choose')}</p>
            <p className="ant-upload-hint">{t('assets.import.chooseHint')}</p>
          </Upload.Dragger>
        )}
        {run.isError && !rejection && <ErrorAlert error={run.error} />}
        {rejection && (
          <div id="asset-import-problems">
            <Alert
              type="error"
              showIcon
              title={t('assets.import.rejected', {
                rows: rejection.report.rowsWithErrors,
                total: rejection.report.rows,
              })}
              description={t('assets.import.rejectedHint')}
              action={
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  loading={downloading}
                  onClick={() => void saveReport()}
                  id="asset-import-report"
                >
                  {t('assets.import.report')}
                </Button>
              }
            />
            <Table<ImportProblem>
              className="asset-import__problems"
              size="small"
              rowKey={(p) => `${p.row}-${p.column}-${p.message}`}
              columns={problemColumns}
              dataSource={rejection.report.problems}
              pagination={rejection.report.problems.length > 50 ? { pageSize: 50 } : false}
              scroll={{ x: 600, y: 360 }}
            />
          </div>
        )}
        {summary && <ImportSummaryView summary={summary} checkedOk={checkedOk} />}
      </Space>
    </Modal>
  );
}

function ImportSummaryView({ summary, checkedOk }: { summary: ImportSummary; checkedOk: boolean }) {
  const t = useT();
  return (
    <div id="asset-import-summary">
      <Alert
        type="success"
        showIcon
        icon={<CheckCircleOutlined />}
        title={
          checkedOk
            ? t('assets.import.checkedOk', { count: summary.created })
            : t('assets.import.imported', { count: summary.created })
        }
        description={checkedOk ? t('assets.import.checkedOkHint') : undefined}
      />
      <Descriptions
        size="small"
        column={1}
        className="asset-import__summary"
        items={[
          { key: 'rows', label: t('assets.import.rows'), children: summary.rows },
          {
            key: 'organisations',
            label: t('assets.import.byCustomer'),
            children: (
              <Space wrap size={[4, 4]}>
                {summary.organisations.map((o) => (
                  <Tag key={o.id}>
                    {o.name} · {o.assets}
                  </Tag>
                ))}
              </Space>
            ),
          },
          ...(summary.modelsCreated.length > 0
            ? [
                {
                  key: 'models',
                  label: checkedOk ? t('assets.import.modelsToCreate') : t('assets.import.modelsCreated'),
                  children: (
                    <Space wrap size={[4, 4]}>
                      {summary.modelsCreated.map((m) => (
                        <Tag key={`${m.vendor}/${m.model}`} color="blue">
                          {m.vendor} {m.model}
                        </Tag>
                      ))}
                    </Space>
                  ),
                },
              ]
            : []),
          ...(summary.ignoredColumns.length > 0
            ? [
                {
                  key: 'ignored',
                  label: t('assets.import.ignoredColumns'),
                  children: summary.ignoredColumns.join('、'),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
