/**
 * 新建案例 on the portal: what happened, how urgent (the P1–P4 definitions of seed 001 in view),
 * where (site, serial) and files (logs, screenshots). The case opens for the contact's own
 * organisation on the web channel; a P1/P2 also tells the customer to phone the hotline (seed 004),
 * with the number from the installation settings, before and after submitting.
 */
import { UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../../web/api/api-error.ts';
import { useMe } from '../../../../web/app/current-session.ts';
import { reportError } from '../../../../web/app/error-reporter.ts';
import { navigate } from '../../../../web/app/router.ts';
import { useLocale, useT } from '../../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../../web/shell/error-alert.tsx';
import { IMPACTS, PRIORITIES, PRIORITY_INFO, type Priority } from '../../case-status.ts';
import { PriorityTag } from '../case-display.tsx';
import { uploadAttachments, useOpenCaseMutation, useSites } from '../cases.queries.ts';
import { HotlineNotice } from './portal-hotline-notice.tsx';
import { PORTAL_CASES, portalCasePath } from './portal-paths.ts';
import '../cases.css';
import './portal.css';

type Impact = (typeof IMPACTS)[number];

interface PortalCaseFields {
  title: string;
  description: string;
  priority: Priority;
  impact?: Impact;
  siteId?: number;
  assetSerial?: string;
}

const FIELDS = ['title', 'description', 'priority', 'impact', 'siteId', 'assetSerial'];

export function PortalNewCasePage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<PortalCaseFields>();
  const priority = Form.useWatch('priority', form);
  const sites = useSites(me.organisation?.id);
  const openCase = useOpenCaseMutation();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [uploading, setUploading] = useState(false);

  const submit = (fields: PortalCaseFields) => {
    openCase.mutate(
      {
        title: fields.title,
        description: fields.description,
        priority: fields.priority,
        impact: fields.impact ?? null,
        siteId: fields.siteId ?? null,
        assetSerial: fields.assetSerial?.trim() || null,
      },
      {
        onSuccess: async (created) => {
          if (files.length > 0) {
            setUploading(true);
            try {
              await uploadAttachments(
                created.id,
                files.map((f) => f as unknown as File),
                'public',
              );
            } catch (error) {
              // The case exists; the files can be added on its page.
              reportError(error, { contextKey: 'portal.attachments.failed' });
            } finally {
              setUploading(false);
            }
          }
          void message.success(t('portal.newCase.created', { number: created.number }));
          navigate(portalCasePath(created.id));
        },
        onError: (error) => {
          if (!isApiError(error, 'validation_failed')) return;
          form.setFields(
            error.fieldErrors
              .map((e) => ({ name: e.field.replace(/^body\./, ''), message: e.message }))
              .filter((e) => FIELDS.includes(e.name))
              .map((e) => ({
                name: e.name as keyof PortalCaseFields,
                errors: [t('error.fieldInvalid', { message: e.message })],
              })),
          );
        },
      },
    );
  };

  return (
    <div className="page portal-page portal-new-case">
      <header className="page__header">
        <Typography.Title level={2} className="page__title">
          {t('portal.newCase.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('portal.newCase.intro')}</Typography.Paragraph>
      </header>
      <Form<PortalCaseFields>
        form={form}
        name="portalNewCase"
        layout="vertical"
        requiredMark="optional"
        onFinish={submit}
        scrollToFirstError
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Space orientation="vertical" size="middle" className="page__stack">
              <Card title={t('portal.newCase.problem')} size="small">
                <Form.Item
                  name="title"
                  label={t('newCase.caseTitle')}
                  extra={t('portal.newCase.titleHint')}
                  rules={[{ required: true, whitespace: true, message: t('newCase.titleRequired') }]}
                >
                  <Input id="portal-case-title" maxLength={200} showCount autoFocus />
                </Form.Item>
                <Form.Item
                  name="description"
                  label={t('newCase.description')}
                  extra={t('portal.newCase.descriptionHint')}
                  rules={[{ required: true, whitespace: true, message: t('newCase.descriptionRequired') }]}
                >
                  <Input.TextArea
                    id="portal-case-description"
                    autoSize={{ minRows: 5, maxRows: 14 }}
                    maxLength={20000}
                  />
                </Form.Item>
                <Form.Item name="impact" label={t('portal.newCase.impact')}>
                  <Radio.Group
                    optionType="button"
                    options={IMPACTS.map((value) => ({ value, label: t(`impact.${value}`) }))}
                  />
                </Form.Item>
              </Card>
              <Card title={t('portal.newCase.where')} size="small">
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item name="siteId" label={t('newCase.site')}>
                      <Select
                        id="portal-case-site"
                        allowClear
                        loading={sites.isFetching}
                        placeholder={t('newCase.sitePlaceholder')}
                        notFoundContent={t('portal.newCase.noSites')}
                        options={(sites.data ?? []).map((s) => ({
                          value: s.id,
                          label: s.city ? `${s.name} · ${s.city}` : s.name,
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name="assetSerial"
                      label={t('newCase.serial')}
                      extra={t('portal.newCase.serialHint')}
                    >
                      <Input
                        id="portal-case-serial"
                        maxLength={100}
                        spellCheck={false}
                        autoCapitalize="characters"
                      />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item label={t('attachments.title')} extra={t('portal.attachments.hint')}>
                  <Upload
                    multiple
                    fileList={files}
                    beforeUpload={(file) => {
                      setFiles((current) => [...current, file]);
                      return false;
                    }}
                    onRemove={(file) => setFiles((current) => current.filter((f) => f.uid !== file.uid))}
                  >
                    <Button icon={<UploadOutlined />} id="portal-case-files">
                      {t('attachments.choose')}
                    </Button>
                  </Upload>
                </Form.Item>
              </Card>
            </Space>
          </Col>
          <Col xs={24} lg={10}>
            <Space orientation="vertical" size="middle" className="page__stack">
              <Card title={t('newCase.priority')} size="small">
                <Form.Item
                  name="priority"
                  rules={[{ required: true, message: t('newCase.priorityRequired') }]}
                  className="priority-picker__item"
                >
                  <Radio.Group className="priority-picker" aria-label={t('newCase.priority')}>
                    {PRIORITIES.map((p) => (
                      <Radio key={p} value={p} className="priority-picker__option" id={`priority-${p}`}>
                        <span className="priority-picker__head">
                          <PriorityTag priority={p} />
                          <strong>{PRIORITY_INFO[p].label[locale]}</strong>
                        </span>
                        <span className="priority-picker__definition">
                          {PRIORITY_INFO[p].definition[locale]}
                        </span>
                      </Radio>
                    ))}
                  </Radio.Group>
                </Form.Item>
                {priority && (
                  <div className="priority-picker__examples" id="priority-examples">
                    <Typography.Text type="secondary">{t('newCase.priorityExamples')}</Typography.Text>
                    <ul>
                      {PRIORITY_INFO[priority].examples[locale].map((example) => (
                        <li key={example}>{example}</li>
                      ))}
                    </ul>
                  </div>
                )}
              </Card>
              {priority !== undefined && priority <= 2 && <HotlineNotice />}
              {openCase.isError && !isApiError(openCase.error, 'validation_failed') && (
                <ErrorAlert error={openCase.error} />
              )}
              <Space wrap>
                <Button
                  id="portal-case-submit"
                  type="primary"
                  htmlType="submit"
                  size="large"
                  loading={openCase.isPending || uploading}
                >
                  {t('portal.newCase.submit')}
                </Button>
                <Button size="large" onClick={() => navigate(PORTAL_CASES)}>
                  {t('newCase.cancel')}
                </Button>
              </Space>
            </Space>
          </Col>
        </Row>
      </Form>
    </div>
  );
}
