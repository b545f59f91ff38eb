/**
 * The contract page's dialogs: record a downtime extension (from a case or by hand, with the
 * whole 24 h days it grants shown before submitting), renew into a follow-on contract, and end
 * an active contract early (with a reason). Server field errors appear at their fields.
 */
import { Alert, DatePicker, Form, Input, Modal, Radio, Select, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { navigate } from '../../../web/app/router.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { addDays, downtimeDays } from '../contract-status.ts';
import type { EXTENSION_CAUSES } from '../contracts.api.ts';
import { fromLocalInput, keepEnterInPicker, localName, toLocalInput } from './contract-display.tsx';
import {
  contractCalls,
  useCaseLookup,
  useContractAction,
  useServiceLevels,
  useStaffUsers,
  type CaseListItem,
  type ContractDetail,
} from './contracts.queries.ts';
import { currentAnswer, isAwaiting, useRemoteSearch } from '../../../web/shell/remote-search.ts';

/** The form field a server field is shown at: the same name, an item of a list (`x.2`) at the list. */
const listField = (apiField: string) => apiField.replace(/\.\d+$/, '');

type Cause = (typeof EXTENSION_CAUSES)[number];
/** The causes of the API (a value import of the contracts would pull zod into the bundle). */
const CAUSES: readonly Cause[] = ['software', 'vendor'];

interface ExtensionFields {
  source: 'case' | 'manual';
  caseId?: number;
  cause: Cause;
  downFrom: string;
  downTo: string;
  reason: string;
}

/** The whole days a downtime grants (seed 001: each 24 h, a started day counts whole), if the times are valid. */
export function previewDays(downFrom: string | undefined, downTo: string | undefined) {
  const from = fromLocalInput(downFrom);
  const to = fromLocalInput(downTo);
  if (!from || !to) return undefined;
  const ms = Date.parse(to) - Date.parse(from);
  if (ms <= 0) return { invalid: true as const };
  return { hours: Math.round(ms / 60_000) / 60, days: downtimeDays(new Date(from), new Date(to)) };
}

export function ExtensionDialog({ contract, onClose }: { contract: ContractDetail; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<ExtensionFields>();
  const caseSearch = useRemoteSearch();
  const [generalError, setGeneralError] = useState<unknown>(null);
  const cases = useCaseLookup(contract.organisationId, caseSearch.query);
  const [pickedCases, setPickedCases] = useState<Map<number, CaseListItem>>(new Map());
  const source = Form.useWatch('source', form) ?? 'case';
  const downFrom = Form.useWatch('downFrom', form);
  const downTo = Form.useWatch('downTo', form);
  const extend = useContractAction(contract.id, contractCalls.extend(contract.id), { handlesErrors: true });
  const preview = previewDays(downFrom, downTo);
  const now = toLocalInput(new Date());

  const caseOptions = new Map(pickedCases);
  for (const c of currentAnswer(caseSearch, cases)) caseOptions.set(c.id, c);

  /** A case picked: its opening and resolution frame the downtime, the operator corrects them if need be. */
  const pickCase = (caseId: number | undefined) => {
    const kase = caseId === undefined ? undefined : caseOptions.get(caseId);
    if (!kase) return;
    setPickedCases((picked) => new Map(picked).set(kase.id, kase));
    form.setFieldsValue({
      downFrom: form.getFieldValue('downFrom') || toLocalInput(kase.openedAt),
      downTo: form.getFieldValue('downTo') || (kase.resolvedAt ? toLocalInput(kase.resolvedAt) : undefined),
      reason: form.getFieldValue('reason') || `${kase.number} ${kase.title}`,
    });
  };

  const submit = (fields: ExtensionFields) => {
    setGeneralError(null);
    extend.mutate(
      {
        cause: fields.cause,
        downFrom: fromLocalInput(fields.downFrom)!,
        downTo: fromLocalInput(fields.downTo)!,
        caseId: fields.source === 'case' ? (fields.caseId ?? null) : null,
        reason: fields.reason.trim(),
      },
      {
        onSuccess: onClose,
        onError: (error) => {
          if (!showFieldErrors(form, error, t, listField)) setGeneralError(error);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('contracts.extension.record')}
      okText={t('contracts.extension.submit')}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ id: 'extension-submit' }}
      confirmLoading={extend.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={620}
    >
      <Typography.Paragraph type="secondary">{t('contracts.extension.rule')}</Typography.Paragraph>
      <Form<ExtensionFields>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ source: 'case', cause: 'software' }}
        onFinish={submit}
      >
        <Form.Item name="source" label={t('contracts.extension.source')} required>
          <Radio.Group
            id="extension-source"
            optionType="button"
            options={[
              { value: 'case', label: t('contracts.extension.fromCase') },
              { value: 'manual', label: t('contracts.extension.manual') },
            ]}
          />
        </Form.Item>
        {source === 'case' && (
          <Form.Item
            name="caseId"
            label={t('contracts.extension.case')}
            rules={[{ required: true, message: t('contracts.extension.caseRequired') }]}
          >
            <Select
              id="extension-case"
              showSearch={{ filterOption: false, onSearch: caseSearch.onSearch }}
              placeholder={t('contracts.extension.casePlaceholder')}
              notFoundContent={
                isAwaiting(caseSearch, cases) ? (
                  <Spin size="small" />
                ) : caseSearch.text.trim().length < 3 ? (
                  t('contracts.extension.caseTypeMore')
                ) : (
                  t('contracts.extension.noCase')
                )
              }
              onChange={pickCase}
              options={[...caseOptions.values()].map((c) => ({
                value: c.id,
                label: `${c.number} · ${c.title}`,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item name="cause" label={t('contracts.extension.cause')} required>
          <Radio.Group
            id="extension-cause"
            options={CAUSES.map((cause) => ({ value: cause, label: t(`contracts.cause.${cause}`) }))}
          />
        </Form.Item>
        <div className="contract-extension__times">
          <Form.Item
            name="downFrom"
            label={t('contracts.extension.downFrom')}
            rules={[{ required: true, message: t('contracts.extension.timeRequired') }]}
          >
            <Input id="extension-down-from" type="datetime-local" max={now} />
          </Form.Item>
          <Form.Item
            name="downTo"
            label={t('contracts.extension.downTo')}
            dependencies={['downFrom']}
            rules={[
              { required: true, message: t('contracts.extension.timeRequired') },
              ({ getFieldValue }) => ({
                validator: async (_rule, value: string | undefined) => {
                  const p = previewDays(getFieldValue('downFrom') as string, value);
                  if (p && 'invalid' in p) throw new Error(t('contracts.extension.toBeforeFrom'));
                },
              }),
            ]}
          >
            <Input id="extension-down-to" type="datetime-local" max={now} />
          </Form.Item>
        </div>
        <div id="extension-preview" aria-live="polite">
          {preview && !('invalid' in preview) ? (
            <Alert
              type="info"
              showIcon
              title={t('contracts.extension.preview', {
                hours: preview.hours,
                days: preview.days,
              })}
              description={t('contracts.extension.previewEnd', {
                before: contract.endsOn,
                after: addDays(contract.endsOn, preview.days),
              })}
            />
          ) : (
            <Alert type="info" title={t('contracts.extension.previewEmpty')} />
          )}
        </div>
        <Form.Item
          name="reason"
          label={t('contracts.extension.reason')}
          className="contract-extension__reason"
          rules={[{ required: true, whitespace: true, message: t('contracts.extension.reasonRequired') }]}
        >
          <Input.TextArea id="extension-reason" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        {generalError !== null && <ErrorAlert error={generalError} />}
      </Form>
    </Modal>
  );
}

interface RenewFields {
  number: string;
  startsOn: Dayjs;
  endsOn: Dayjs;
  state: 'draft' | 'active';
  serviceLevelId: number;
  ownerId?: number | null;
}

export function RenewDialog({ contract, onClose }: { contract: ContractDetail; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<RenewFields>();
  const levels = useServiceLevels();
  const staff = useStaffUsers();
  const [generalError, setGeneralError] = useState<unknown>(null);
  const renew = useContractAction(contract.id, contractCalls.renew(contract.id), { handlesErrors: true });
  const start = dayjs(addDays(contract.endsOn, 1));

  const submit = (fields: RenewFields) => {
    setGeneralError(null);
    renew.mutate(
      {
        number: fields.number.trim(),
        startsOn: fields.startsOn.format('YYYY-MM-DD'),
        endsOn: fields.endsOn.format('YYYY-MM-DD'),
        state: fields.state,
        serviceLevelId: fields.serviceLevelId,
        ownerId: fields.ownerId ?? null,
      },
      {
        onSuccess: (created) => {
          onClose();
          navigate(`/contracts/${created.id}`);
        },
        onError: (error) => {
          if (!showFieldErrors(form, error, t, listField)) setGeneralError(error);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('contracts.renew.title', { number: contract.number })}
      okText={t('contracts.renew.submit')}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ id: 'renew-submit' }}
      confirmLoading={renew.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('contracts.renew.intro')}</Typography.Paragraph>
      <Form<RenewFields>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{
          state: 'draft',
          startsOn: start,
          endsOn: start.add(1, 'year').subtract(1, 'day'),
          serviceLevelId: contract.serviceLevelId,
          ownerId: contract.owner?.id ?? null,
        }}
        onFinish={submit}
      >
        <Form.Item
          name="number"
          label={t('contracts.renew.number')}
          rules={[{ required: true, whitespace: true, message: t('contracts.form.numberRequired') }]}
        >
          <Input id="renew-number" maxLength={60} spellCheck={false} autoFocus />
        </Form.Item>
        <div className="contract-extension__times">
          <Form.Item
            name="startsOn"
            label={t('contracts.field.startsOn')}
            rules={[{ required: true, message: t('contracts.form.dateRequired') }]}
          >
            <DatePicker
              onKeyDown={keepEnterInPicker}
              id="renew-starts-on"
              className="contract-form__date"
              disabledDate={(day) => day.isBefore(start, 'day')}
            />
          </Form.Item>
          <Form.Item
            name="endsOn"
            label={t('contracts.field.endsOn')}
            dependencies={['startsOn']}
            rules={[
              { required: true, message: t('contracts.form.dateRequired') },
              ({ getFieldValue }) => ({
                validator: async (_rule, value: Dayjs | undefined) => {
                  const from = getFieldValue('startsOn') as Dayjs | undefined;
                  if (value && from && value.isBefore(from, 'day'))
                    throw new Error(t('contracts.form.endBeforeStart'));
                },
              }),
            ]}
          >
            <DatePicker onKeyDown={keepEnterInPicker} id="renew-ends-on" className="contract-form__date" />
          </Form.Item>
        </div>
        <Form.Item name="serviceLevelId" label={t('contracts.field.serviceLevel')}>
          <Select
            options={(levels.data ?? [])
              .filter((l) => l.active || l.id === contract.serviceLevelId)
              .map((l) => ({ value: l.id, label: `${l.code} · ${localName(l, locale)}` }))}
          />
        </Form.Item>
        <Form.Item name="ownerId" label={t('contracts.field.owner')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(staff.data ?? []).map((u) => ({
              value: u.id,
              label: `${u.displayName} (${u.username})`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="state"
          label={t('contracts.field.state')}
          extra={t('contracts.renew.stateHint')}
          required
        >
          <Radio.Group
            optionType="button"
            options={[
              { value: 'draft', label: t('contracts.form.stateDraft') },
              { value: 'active', label: t('contracts.form.stateActive') },
            ]}
          />
        </Form.Item>
        {generalError !== null && <ErrorAlert error={generalError} />}
      </Form>
    </Modal>
  );
}

/** Ending an active contract before its end is a step back: the reason is asked and kept. */
export function ExpireDialog({ contract, onClose }: { contract: ContractDetail; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const expire = useContractAction(contract.id, contractCalls.state(contract.id), { handlesErrors: true });
  return (
    <Modal
      open
      title={t('contracts.expire.title', { number: contract.number })}
      okText={t('contracts.action.to.expired')}
      okButtonProps={{ danger: true, id: 'expire-submit' }}
      cancelText={t('dialog.cancel')}
      confirmLoading={expire.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        title={t('contracts.expire.warning')}
        className="contract-dialog__alert"
      />
      <Form
        form={form}
        layout="vertical"
        onFinish={({ reason }) =>
          expire.mutate({ to: 'expired', reason: reason.trim() }, { onSuccess: onClose })
        }
      >
        <Form.Item
          name="reason"
          label={t('contracts.expire.reason')}
          rules={[{ required: true, whitespace: true, message: t('contracts.expire.reasonRequired') }]}
        >
          <Input.TextArea id="expire-reason" autoSize={{ minRows: 3 }} maxLength={500} autoFocus />
        </Form.Item>
        {expire.isError && <ErrorAlert error={expire.error} />}
      </Form>
    </Modal>
  );
}
