/**
 * Record a service contract (/contracts/new) or change one (/contracts/:id/edit): number,
 * customer, service level, period as signed, coverage (all sites, chosen sites, or chosen assets
 * picked by serial or pasted as a list), promises, owner (服务专员), renewal notice and notes.
 * The server's field errors appear at their fields.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Result,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { isApiError } from '../../../web/api/api-error.ts';
import { AppLink } from '../../../web/app/app-link.tsx';
import { PageLoading } from '../../../web/app/boot-screen.tsx';
import { navigate, useLocation } from '../../../web/app/router.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { OrganisationSelect } from '../../../web/shell/list-page.tsx';
import { ContractCoveragePicker, parseSerials, type CoverageMode } from './contract-coverage-picker.tsx';
import { keepEnterInPicker, localName } from './contract-display.tsx';
import {
  contractCalls,
  useContract,
  useContractAction,
  useCreateContract,
  useServiceLevels,
  useStaffUsers,
  type ContractDetail,
} from './contracts.queries.ts';
import './contracts.css';
import { useRemoteSearch } from '../../../web/shell/remote-search.ts';

interface ContractFields {
  number: string;
  organisationId: number;
  serviceLevelId: number;
  startsOn: Dayjs;
  endsOn: Dayjs;
  state: 'draft' | 'active';
  coverage: CoverageMode;
  siteIds: number[];
  assetIds: number[];
  serials?: string;
  onsiteHours?: number | null;
  partsHours?: number | null;
  inspectionsPerYear?: number | null;
  ownerId?: number | null;
  renewalNoticeDays: number;
  notes?: string;
}

const DAY = 'YYYY-MM-DD';

const FORM_FIELDS = new Set([
  'number',
  'organisationId',
  'serviceLevelId',
  'startsOn',
  'endsOn',
  'siteIds',
  'assetIds',
  'serials',
  'onsiteHours',
  'partsHours',
  'inspectionsPerYear',
  'ownerId',
  'renewalNoticeDays',
  'notes',
]);

/** Server field → form field: the coverage lists and their items land on their pickers. */
/** The form field a server field (`serials.3`: the list's) is shown at, if the form has it. */
const formFieldOf = (apiField: string) => {
  const field = apiField.replace(/\.\d+$/, '');
  return field === 'coversAllSites' ? 'coverage' : FORM_FIELDS.has(field) ? field : undefined;
};

export function NewContractPage() {
  return <ContractForm />;
}

export function EditContractPage() {
  const t = useT();
  const { pathname } = useLocation();
  const id = Number(pathname.split('/')[2]);
  const contract = useContract(id);
  if (contract.isPending) return <PageLoading />;
  if (contract.isError)
    return isApiError(contract.error, 'not_found') ? (
      <Result
        status="404"
        title={t('contracts.detail.notFound')}
        extra={<AppLink href="/contracts">{t('contracts.backToList')}</AppLink>}
      />
    ) : (
      <ErrorAlert error={contract.error} />
    );
  if (!contract.data.abilities.update)
    return (
      <Result
        status="warning"
        title={t('contracts.form.notEditable')}
        extra={<AppLink href={`/contracts/${id}`}>{t('contracts.form.backToContract')}</AppLink>}
      />
    );
  return <ContractForm contract={contract.data} />;
}

function initialValues(contract: ContractDetail | undefined): Partial<ContractFields> {
  if (!contract)
    return { state: 'active', coverage: 'all', siteIds: [], assetIds: [], renewalNoticeDays: 60 };
  return {
    number: contract.number,
    organisationId: contract.organisationId,
    serviceLevelId: contract.serviceLevelId,
    startsOn: dayjs(contract.startsOn),
    endsOn: dayjs(contract.originalEndsOn),
    coverage: contract.coversAllSites ? 'all' : contract.assets.length > 0 ? 'assets' : 'sites',
    siteIds: contract.siteIds,
    assetIds: contract.assets.map((a) => a.id),
    onsiteHours: contract.onsiteHours,
    partsHours: contract.partsHours,
    inspectionsPerYear: contract.inspectionsPerYear,
    ownerId: contract.owner?.id ?? null,
    renewalNoticeDays: contract.renewalNoticeDays ?? 60,
    notes: contract.notes ?? undefined,
  };
}

function ContractForm({ contract }: { contract?: ContractDetail }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<ContractFields>();
  const editing = contract !== undefined;
  const assetSearch = useRemoteSearch();
  const watchedOrganisation = Form.useWatch('organisationId', form);
  const organisationId = contract?.organisationId ?? watchedOrganisation;
  const levels = useServiceLevels();
  const staff = useStaffUsers();
  const create = useCreateContract();
  const update = useContractAction(contract?.id ?? 0, contractCalls.update(contract?.id ?? 0), {
    handlesErrors: true,
  });
  const saving = create.isPending || update.isPending;
  const saveError = create.error ?? update.error;
  const [generalError, setGeneralError] = useState<unknown>(null);

  const submit = (fields: ContractFields) => {
    setGeneralError(null);
    const common = {
      number: fields.number.trim(),
      serviceLevelId: fields.serviceLevelId,
      startsOn: fields.startsOn.format(DAY),
      endsOn: fields.endsOn.format(DAY),
      coversAllSites: fields.coverage === 'all',
      siteIds: fields.coverage === 'sites' ? fields.siteIds : [],
      assetIds: fields.coverage === 'assets' ? fields.assetIds : [],
      serials: fields.coverage === 'assets' ? parseSerials(fields.serials) : [],
      ownerId: fields.ownerId ?? null,
      onsiteHours: fields.onsiteHours ?? null,
      partsHours: fields.partsHours ?? null,
      inspectionsPerYear: fields.inspectionsPerYear ?? null,
      renewalNoticeDays: fields.renewalNoticeDays,
      notes: fields.notes?.trim() || null,
    };
    const onError = (error: unknown) => {
      if (!showFieldErrors(form, error, t, formFieldOf)) setGeneralError(error);
    };
    if (contract) {
      update.mutate(common, { onSuccess: () => navigate(`/contracts/${contract.id}`), onError });
    } else {
      create.mutate(
        { ...common, organisationId: fields.organisationId, state: fields.state },
        { onSuccess: (created) => navigate(`/contracts/${created.id}`), onError },
      );
    }
  };

  const back = contract ? `/contracts/${contract.id}` : '/contracts';

  return (
    <div className="page contract-page contract-form">
      <AppLink href={back} className="contract-back">
        <ArrowLeftOutlined /> {contract ? t('contracts.form.backToContract') : t('contracts.backToList')}
      </AppLink>
      <header className="page__header">
        <Typography.Title level={2} className="page__title">
          {contract
            ? t('contracts.form.editTitle', { number: contract.number })
            : t('contracts.form.newTitle')}
        </Typography.Title>
      </header>
      <Form<ContractFields>
        form={form}
        name="contract"
        layout="vertical"
        requiredMark="optional"
        initialValues={initialValues(contract)}
        onFinish={submit}
        scrollToFirstError
        onValuesChange={(changed: Partial<ContractFields>) => {
          // Another customer: its sites and assets replace the previous one's.
          if ('organisationId' in changed) {
            form.setFieldsValue({ siteIds: [], assetIds: [] });
            assetSearch.onSearch('');
          }
          // A start without an end: propose one year, the usual term.
          if (changed.startsOn && !form.getFieldValue('endsOn'))
            form.setFieldsValue({ endsOn: changed.startsOn.add(1, 'year').subtract(1, 'day') });
        }}
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Space orientation="vertical" size="middle" className="page__stack">
              <Card size="small" title={t('contracts.form.section.contract')}>
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name="number"
                      label={t('contracts.field.number')}
                      rules={[
                        { required: true, whitespace: true, message: t('contracts.form.numberRequired') },
                      ]}
                    >
                      <Input id="contract-number" maxLength={60} spellCheck={false} autoFocus />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name="serviceLevelId"
                      label={t('contracts.field.serviceLevel')}
                      rules={[{ required: true, message: t('contracts.form.serviceLevelRequired') }]}
                    >
                      <Select
                        id="contract-service-level"
                        loading={levels.isPending}
                        options={(levels.data ?? [])
                          .filter((l) => l.active || l.id === contract?.serviceLevelId)
                          .map((l) => ({ value: l.id, label: `${l.code} · ${localName(l, locale)}` }))}
                      />
                    </Form.Item>
                  </Col>
                </Row>
                {contract ? (
                  <Form.Item label={t('contracts.field.customer')} required>
                    <Input id="contract-organisation-name" value={contract.organisationName} disabled />
                  </Form.Item>
                ) : (
                  <Form.Item
                    name="organisationId"
                    label={t('contracts.field.customer')}
                    rules={[{ required: true, message: t('contracts.form.customerRequired') }]}
                  >
                    <OrganisationSelect
                      id="contract-organisation"
                      placeholder={t('contracts.form.customerPlaceholder')}
                      notFound={t('contracts.form.noCustomer')}
                      optionLabel={(o) => (o.code ? `${o.name}（${o.code}）` : o.name)}
                    />
                  </Form.Item>
                )}
                <Row gutter={12}>
                  <Col xs={12}>
                    <Form.Item
                      name="startsOn"
                      label={t('contracts.field.startsOn')}
                      rules={[{ required: true, message: t('contracts.form.dateRequired') }]}
                    >
                      <DatePicker
                        onKeyDown={keepEnterInPicker}
                        id="contract-starts-on"
                        className="contract-form__date"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12}>
                    <Form.Item
                      name="endsOn"
                      label={t('contracts.field.endsOn')}
                      extra={
                        contract && contract.extensionDays > 0
                          ? t('contracts.form.endsOnExtended', {
                              days: contract.extensionDays,
                              date: contract.endsOn,
                            })
                          : undefined
                      }
                      dependencies={['startsOn']}
                      rules={[
                        { required: true, message: t('contracts.form.dateRequired') },
                        ({ getFieldValue }) => ({
                          validator: async (_rule, value: Dayjs | undefined) => {
                            const start = getFieldValue('startsOn') as Dayjs | undefined;
                            if (value && start && value.isBefore(start, 'day'))
                              throw new Error(t('contracts.form.endBeforeStart'));
                          },
                        }),
                      ]}
                    >
                      <DatePicker
                        onKeyDown={keepEnterInPicker}
                        id="contract-ends-on"
                        className="contract-form__date"
                      />
                    </Form.Item>
                  </Col>
                </Row>
                {!contract && (
                  <Form.Item name="state" label={t('contracts.field.state')} required>
                    <Radio.Group
                      optionType="button"
                      options={[
                        { value: 'active', label: t('contracts.form.stateActive') },
                        { value: 'draft', label: t('contracts.form.stateDraft') },
                      ]}
                    />
                  </Form.Item>
                )}
              </Card>
              <ContractCoveragePicker
                contract={contract}
                organisationId={organisationId}
                assetSearch={assetSearch}
              />
            </Space>
          </Col>
          <Col xs={24} lg={10}>
            <Space orientation="vertical" size="middle" className="page__stack">
              <Card size="small" title={t('contracts.form.section.promises')}>
                <Row gutter={12}>
                  <Col xs={12}>
                    <Form.Item name="onsiteHours" label={t('contracts.field.onsiteHours')}>
                      <InputNumber
                        id="contract-onsite-hours"
                        min={1}
                        max={720}
                        precision={0}
                        suffix={t('contracts.unit.hours')}
                        className="contract-form__number"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12}>
                    <Form.Item name="partsHours" label={t('contracts.field.partsHours')}>
                      <InputNumber
                        id="contract-parts-hours"
                        min={1}
                        max={720}
                        precision={0}
                        suffix={t('contracts.unit.hours')}
                        className="contract-form__number"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12}>
                    <Form.Item name="inspectionsPerYear" label={t('contracts.field.inspectionsPerYear')}>
                      <InputNumber
                        id="contract-inspections"
                        min={0}
                        max={52}
                        precision={0}
                        suffix={t('contracts.unit.perYear')}
                        className="contract-form__number"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12}>
                    <Form.Item
                      name="renewalNoticeDays"
                      label={t('contracts.field.renewalNoticeDays')}
                      rules={[{ required: true, message: t('contracts.form.noticeRequired') }]}
                    >
                      <InputNumber
                        id="contract-notice-days"
                        min={0}
                        max={365}
                        precision={0}
                        suffix={t('contracts.unit.days')}
                        className="contract-form__number"
                      />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item
                  name="ownerId"
                  label={t('contracts.field.owner')}
                  extra={t('contracts.form.ownerHint')}
                >
                  <Select
                    id="contract-owner"
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={staff.isPending}
                    options={(staff.data ?? []).map((u) => ({
                      value: u.id,
                      label: `${u.displayName} (${u.username})`,
                    }))}
                  />
                </Form.Item>
                <Form.Item
                  name="notes"
                  label={t('contracts.field.notes')}
                  extra={t('contracts.form.notesHint')}
                >
                  <Input.TextArea
                    id="contract-notes"
                    autoSize={{ minRows: 3, maxRows: 10 }}
                    maxLength={2000}
                  />
                </Form.Item>
              </Card>
              {generalError !== null && saveError && (
                <ErrorAlert error={saveError} id="contract-form-error" />
              )}
              <Space wrap>
                <Button id="contract-submit" type="primary" htmlType="submit" size="large" loading={saving}>
                  {editing ? t('contracts.form.save') : t('contracts.form.create')}
                </Button>
                <Button size="large" onClick={() => navigate(back)}>
                  {t('dialog.cancel')}
                </Button>
              </Space>
            </Space>
          </Col>
        </Row>
      </Form>
    </div>
  );
}
