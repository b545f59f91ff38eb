/** The case page's side cards: vendor cases and attachments. */
import { DownloadOutlined, LockOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Radio, Space, Tag, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { formatBytes, formatDateTime } from './case-display.tsx';
import {
  uploadAttachments,
  useCaseAction,
  useCaseAttachments,
  useVendorCases,
  type CaseDetail,
} from './cases.queries.ts';

export function VendorCasesCard({ kase, onAdd }: { kase: CaseDetail; onAdd: () => void }) {
  const t = useT();
  const vendorCases = useVendorCases(kase.id);
  return (
    <Card
      size="small"
      title={t('vendorCase.title')}
      id="vendor-cases"
      extra={
        kase.abilities.manageVendorCases && (
          <Button size="small" icon={<PlusOutlined />} onClick={onAdd}>
            {t('vendorCase.add')}
          </Button>
        )
      }
    >
      {vendorCases.isError ? (
        <ErrorAlert error={vendorCases.error} />
      ) : (
        <List
          size="small"
          loading={vendorCases.isPending}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vendorCase.none')} />,
          }}
          dataSource={vendorCases.data ?? []}
          renderItem={(v) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <strong>{v.vendor}</strong>
                    <span>{v.vendorCaseNumber ?? t('vendorCase.noNumber')}</span>
                    <Tag color={v.status === 'closed' ? 'default' : v.status === 'open' ? 'blue' : 'gold'}>
                      {t(`vendorCase.status.${v.status}`)}
                    </Tag>
                  </Space>
                }
                description={
                  <>
                    {formatDateTime(v.openedAt)}
                    {v.notes && <div className="vendor-case__notes">{v.notes}</div>}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function AttachmentsCard({ kase }: { kase: CaseDetail }) {
  const t = useT();
  const attachments = useCaseAttachments(kase.id);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [visibility, setVisibility] = useState<'public' | 'internal'>('internal');
  const upload = useCaseAction(
    kase.id,
    (selected: File[]) => uploadAttachments(kase.id, selected, visibility),
    { handlesErrors: true },
  );
  const mayUpload = kase.state !== 'cancelled' && kase.mergedIntoId === null && kase.abilities.reply;

  return (
    <Card size="small" title={t('attachments.title')} id="case-attachments">
      <List
        size="small"
        loading={attachments.isPending}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attachments.none')} />,
        }}
        dataSource={attachments.data ?? []}
        renderItem={(a) => (
          <List.Item
            className={a.visibility === 'internal' ? 'attachment attachment--internal' : 'attachment'}
            actions={[
              <a
                key="download"
                href={`/api/attachments/${a.id}/download`}
                aria-label={t('attachments.download')}
              >
                <DownloadOutlined />
              </a>,
            ]}
          >
            <Space wrap size={4}>
              <a href={`/api/attachments/${a.id}/download`}>{a.fileName}</a>
              <Typography.Text type="secondary">{formatBytes(a.size)}</Typography.Text>
              {a.visibility === 'internal' && (
                <Tag color="gold" icon={<LockOutlined />}>
                  {t('timeline.internal')}
                </Tag>
              )}
            </Space>
          </List.Item>
        )}
      />
      {mayUpload && (
        <div className="attachments__upload">
          <Upload
            multiple
            fileList={files}
            beforeUpload={(file) => {
              setFiles((current) => [...current, file]);
              return false;
            }}
            onRemove={(file) => setFiles((current) => current.filter((f) => f.uid !== file.uid))}
          >
            <Button icon={<UploadOutlined />}>{t('attachments.choose')}</Button>
          </Upload>
          {files.length > 0 && (
            <Space wrap className="attachments__send">
              <Radio.Group
                size="small"
                optionType="button"
                value={visibility}
                onChange={(event) => setVisibility(event.target.value as 'public' | 'internal')}
                options={[
                  { value: 'internal', label: t('timeline.internal') },
                  { value: 'public', label: t('timeline.public') },
                ]}
              />
              <Button
                type="primary"
                size="small"
                loading={upload.isPending}
                onClick={() =>
                  upload.mutate(
                    files.map((f) => f as unknown as File),
                    { onSuccess: () => setFiles([]) },
                  )
                }
              >
                {t('attachments.upload', { count: files.length })}
              </Button>
            </Space>
          )}
          {upload.isError && <ErrorAlert error={upload.error} />}
        </div>
      )}
    </Card>
  );
}
