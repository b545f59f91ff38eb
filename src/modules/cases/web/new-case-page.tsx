/**
 * New case, for the hotline operator on the phone: find the caller by whatever they say first
 * (phone, name, customer, serial) or pick the customer (its sites and contacts follow); the
 * customer at a glance beside the form (entitlement: covered, or held for sales; open cases), the
 * priority with the seed 001 definitions in view, then what happened and who takes it.
 */
import { Alert, Button, Card, Col, Form, Input, Radio, Row, Select, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { navigate } from '../../../web/app/router.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { CHANNELS, PRIORITIES, PRIORITY_INFO, type Channel, type Priority } from '../case-status.ts';
import { PriorityTag } from './case-display.tsx';
import { CustomerGlance } from './customer-glance.tsx';
import { FaxFields, faxRequest, type FaxFieldValues } from './fax-fields.tsx';
import { IntakeSearch } from './intake-search.tsx';
import type { IntakeCandidate } from './intake.queries.ts';
import {
  useCaseMeta,
  useContacts,
  useEntitlement,
  useOpenCaseMutation,
  useRecordFaxMutation,
  useOrganisationSearch,
  useSites,
  useStaffUsers,
  useSupportGroups,
  type PriorityMeta,
} from './cases.queries.ts';
import './cases.css';
import { currentAnswer, isAwaiting, useRemoteSearch } from '../../../web/shell/remote-search.ts';

/** A server field (a faxed request's come as `case.*` and `file`) → the form's field. */
const FORM_FIELDS: Record<string, keyof NewCaseFields> = {
  organisationId: 'organisationId',
  siteId: 'siteId',
  contactId: 'contactId',
  assetSerial: 'assetSerial',
  priority: 'priority',
  channel: 'channel',
  title: 'title',
  description: 'description',
  assigneeId: 'assigneeId',
  groupId: 'groupId',
  faxNumber: 'faxNumber',
  receivedAt: 'faxReceivedAt',
  file: 'faxPages',
};
const formFieldOf = (apiField: string) => FORM_FIELDS[apiField.replace(/^case\./, '')];

interface NewCaseFields extends FaxFieldValues {
  organisationId: number;
  siteId?: number;
  contactId?: number;
  assetSerial?: string;
  priority: Priority;
  channel: Channel;
  title: string;
  description: string;
  assigneeId?: number;
  groupId?: number;
}

export function NewCasePage() {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<NewCaseFields>();
  const orgSearch = useRemoteSearch();
  const organisations = useOrganisationSearch(orgSearch.query);
  const organisationId = Form.useWatch('organisationId', form);
  const siteId = Form.useWatch('siteId', form);
  const contactId = Form.useWatch('contactId', form);
  const priority = Form.useWatch('priority', form);
  // The serial is checked when the operator leaves the field or presses Enter, not on every key.
  const [checkedSerial, setCheckedSerial] = useState<string>();
  const sites = useSites(organisationId);
  const contacts = useContacts(organisationId);
  const entitlement = useEntitlement({ organisationId, siteId, serial: checkedSerial });
  const staff = useStaffUsers();
  const groups = useSupportGroups();
  const meta = useCaseMeta();
  const openCase = useOpenCaseMutation();
  const recordFax = useRecordFaxMutation();
  const channel = Form.useWatch('channel', form);
  // The request last sent: a faxed one goes with its pages.
  const sent = channel === 'fax' ? recordFax : openCase;
  // The finder's pick: its names stand in for the pickers' options until those have loaded.
  const [picked, setPicked] = useState<IntakeCandidate>();
  const [fieldErrorsShown, setFieldErrorsShown] = useState(false);

  /** Fills the customer, site, contact and serial from the finder; a serial is checked at once. */
  const pickCandidate = (c: IntakeCandidate) => {
    const current = form.getFieldsValue(['organisationId', 'siteId', 'contactId', 'assetSerial']);
    const same = current.organisationId === c.organisation.id;
    const serial = c.asset?.serial ?? (same ? current.assetSerial : undefined);
    setPicked(c);
    form.setFields([
      { name: 'organisationId', value: c.organisation.id, errors: [] },
      { name: 'siteId', value: c.site?.id ?? (same ? current.siteId : undefined) },
      { name: 'contactId', value: c.contact?.id ?? (same ? current.contactId : undefined) },
      { name: 'assetSerial', value: serial },
    ]);
    setCheckedSerial(serial?.trim() || undefined);
  };
  const withPicked = (
    options: { value: number; label: string }[],
    extra: { value: number; label: string } | false | null | undefined,
  ) => (extra && !options.some((o) => o.value === extra.value) ? [extra, ...options] : options);

  const priorities: PriorityMeta[] =
    meta.data?.priorities ?? PRIORITIES.map((p) => ({ priority: p, ...PRIORITY_INFO[p] }));
  const selectedPriority = priorities.find((p) => p.priority === priority);

  const submit = ({ faxPages, faxNumber, faxReceivedAt, ...fields }: NewCaseFields) => {
    const body = {
      ...fields,
      assetSerial: fields.assetSerial?.trim() || null,
      siteId: fields.siteId ?? null,
      contactId: fields.contactId ?? null,
      assigneeId: fields.assigneeId ?? null,
      groupId: fields.groupId ?? null,
    };
    const handlers = {
      onSuccess: (created: { id: number }) => navigate(`/cases/${created.id}`),
      // What no field takes is shown in the alert below the form.
      onError: (error: unknown) => setFieldErrorsShown(showFieldErrors(form, error, t, formFieldOf)),
    };
    setFieldErrorsShown(false);
    if (fields.channel !== 'fax') return openCase.mutate(body, handlers);
    const { channel: _fax, ...caseFields } = body;
    const { pages, ...fax } = faxRequest({ faxPages, faxNumber, faxReceivedAt });
    recordFax.mutate({ fields: { ...caseFields, ...fax }, pages }, handlers);
  };

  return (
    <div className="page page--wide new-case">
      <header className="page__header">
        <Typography.Title level={2} className="page__title">
          {t('newCase.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('newCase.intro')}</Typography.Paragraph>
        <IntakeSearch onPick={pickCandidate} />
      </header>
      <Form<NewCaseFields>
        form={form}
        name="newCase"
        layout="vertical"
        requiredMark="optional"
        initialValues={{ channel: 'phone' }}
        onFinish={submit}
        onValuesChange={(changed: Partial<NewCaseFields>) => {
          // Another customer: its sites and contacts replace the previous one's.
          if ('organisationId' in changed) form.setFieldsValue({ siteId: undefined, contactId: undefined });
        }}
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Space orientation="vertical" size="middle" className="page__stack">
              <Card title={t('newCase.customer')} size="small">
                <Form.Item
                  name="organisationId"
                  label={t('newCase.organisation')}
                  rules={[{ required: true, message: t('newCase.organisationRequired') }]}
                >
                  <Select
                    id="new-case-organisation"
                    showSearch={{ filterOption: false, onSearch: orgSearch.onSearch }}
                    placeholder={t('newCase.organisationPlaceholder')}
                    notFoundContent={
                      isAwaiting(orgSearch, organisations) ? <Spin size="small" /> : t('newCase.noCustomer')
                    }
                    options={withPicked(
                      currentAnswer(orgSearch, organisations).map((o) => ({
                        value: o.id,
                        label: o.code ? `${o.name}（${o.code}）` : o.name,
                      })),
                      picked && {
                        value: picked.organisation.id,
                        label: picked.organisation.code
                          ? `${picked.organisation.name}（${picked.organisation.code}）`
                          : picked.organisation.name,
                      },
                    )}
                  />
                </Form.Item>
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item name="siteId" label={t('newCase.site')}>
                      <Select
                        id="new-case-site"
                        allowClear
                        disabled={!organisationId}
                        loading={sites.isFetching}
                        placeholder={t('newCase.sitePlaceholder')}
                        options={withPicked(
                          (sites.data ?? []).map((s) => ({
                            value: s.id,
                            label: s.city ? `${s.name} · ${s.city}` : s.name,
                          })),
                          !sites.data &&
                            picked?.site && {
                              value: picked.site.id,
                              label: picked.site.city
                                ? `${picked.site.name} · ${picked.site.city}`
                                : picked.site.name,
                            },
                        )}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name="contactId" label={t('newCase.contact')}>
                      <Select
                        id="new-case-contact"
                        allowClear
                        disabled={!organisationId}
                        loading={contacts.isFetching}
                        placeholder={t('newCase.contactPlaceholder')}
                        options={withPicked(
                          (contacts.data ?? [])
                            .filter((c) => !siteId || !c.siteId || c.siteId === siteId)
                            .map((c) => ({
                              value: c.id,
                              label: [c.name, c.mobile ?? c.phone].filter(Boolean).join(' · '),
                            })),
                          !contacts.data &&
                            picked?.contact && {
                              value: picked.contact.id,
                              label: [picked.contact.name, picked.contact.mobile ?? picked.contact.phone]
                                .filter(Boolean)
                                .join(' · '),
                            },
                        )}
                      />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name="assetSerial" label={t('newCase.serial')} extra={t('newCase.serialHint')}>
                  <Input
                    id="new-case-serial"
                    maxLength={100}
                    spellCheck={false}
                    autoCapitalize="characters"
                    onBlur={(event) => setCheckedSerial(event.target.value.trim() || undefined)}
                    onPressEnter={(event) => {
                      event.preventDefault();
                      setCheckedSerial(event.currentTarget.value.trim() || undefined);
                    }}
                  />
                </Form.Item>
              </Card>
              <Card title={t('newCase.problem')} size="small">
                <Form.Item
                  name="title"
                  label={t('newCase.caseTitle')}
                  rules={[{ required: true, whitespace: true, message: t('newCase.titleRequired') }]}
                >
                  <Input id="new-case-title" maxLength={200} showCount />
                </Form.Item>
                <Form.Item
                  name="description"
                  label={t('newCase.description')}
                  rules={[{ required: true, whitespace: true, message: t('newCase.descriptionRequired') }]}
                >
                  <Input.TextArea
                    id="new-case-description"
                    autoSize={{ minRows: 4, maxRows: 12 }}
                    maxLength={20000}
                  />
                </Form.Item>
                <Form.Item name="channel" label={t('newCase.channel')}>
                  <Radio.Group
                    optionType="button"
                    options={CHANNELS.filter((c) => c !== 'api' && c !== 'alert').map((c) => ({
                      value: c,
                      label: t(`channel.${c}`),
                    }))}
                  />
                </Form.Item>
                {channel === 'fax' && <FaxFields />}
              </Card>
            </Space>
          </Col>
          <Col xs={24} lg={10}>
            <Space orientation="vertical" size="middle" className="page__stack">
              <CustomerGlance
                organisationId={organisationId}
                siteId={siteId}
                contactId={contactId}
                serial={checkedSerial}
                entitlement={{
                  data: organisationId || checkedSerial ? entitlement.data : undefined,
                  loading: entitlement.isFetching,
                  error: entitlement.error,
                }}
              />
              <Card title={t('newCase.priority')} size="small">
                <Form.Item
                  name="priority"
                  rules={[{ required: true, message: t('newCase.priorityRequired') }]}
                  className="priority-picker__item"
                >
                  <Radio.Group className="priority-picker" aria-label={t('newCase.priority')}>
                    {priorities.map((p) => (
                      <Radio
                        key={p.priority}
                        value={p.priority}
                        className="priority-picker__option"
                        id={`priority-${p.priority}`}
                      >
                        <span className="priority-picker__head">
                          <PriorityTag priority={p.priority} />
                          <strong>{p.label[locale]}</strong>
                        </span>
                        <span className="priority-picker__definition">{p.definition[locale]}</span>
                      </Radio>
                    ))}
                  </Radio.Group>
                </Form.Item>
                {selectedPriority && (
                  <div className="priority-picker__examples" id="priority-examples">
                    <Typography.Text type="secondary">{t('newCase.priorityExamples')}</Typography.Text>
                    <ul>
                      {selectedPriority.examples[locale].map((example) => (
                        <li key={example}>{example}</li>
                      ))}
                    </ul>
                    {selectedPriority.priority <= 2 && (
                      <Alert type="warning" showIcon title={t('newCase.p1Hint')} />
                    )}
                  </div>
                )}
              </Card>
              <Card title={t('newCase.assignment')} size="small">
                <Form.Item name="groupId" label={t('newCase.group')}>
                  <Select
                    allowClear
                    placeholder={t('newCase.groupPlaceholder')}
                    options={(groups.data ?? []).map((g) => ({
                      value: g.id,
                      label: locale === 'en' && g.nameEn ? g.nameEn : g.name,
                    }))}
                  />
                </Form.Item>
                <Form.Item name="assigneeId" label={t('newCase.assignee')} extra={t('newCase.assigneeHint')}>
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={t('newCase.assigneePlaceholder')}
                    options={(staff.data ?? []).map((u) => ({
                      value: u.id,
                      label: `${u.displayName} (${u.username})`,
                    }))}
                  />
                </Form.Item>
              </Card>
              {sent.isError && !fieldErrorsShown && <ErrorAlert error={sent.error} />}
              <Space wrap>
                <Button
                  id="new-case-submit"
                  type="primary"
                  htmlType="submit"
                  size="large"
                  loading={sent.isPending}
                >
                  {t('newCase.submit')}
                </Button>
                <Button size="large" onClick={() => navigate('/cases')}>
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
