/**
 * The dialog of each step of the RMA flow the detail page offers (only those in `abilities.steps`):
 * confirm, fulfil, vendor RMA, receive the vendor's part, replace, receive the faulty part, return
 * it to the vendor, cancel. Each posts one step; the server's field errors land at the fields.
 */
import { Alert, App, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import type { MessageKey } from '../../../web/i18n/translate.ts';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import type { RmaStep } from '../rma-status.ts';
import { StepProblem } from './rma-form-errors.tsx';
import { routeLabel } from './rma-display.tsx';
import { useRmaStep, type Rma } from './rma.queries.ts';

export type DialogStep = Exclude<RmaStep, 'request'>;

/** The button and dialog title of each step. */
export const STEP_LABELS: Record<DialogStep, MessageKey> = {
  confirm: 'rma.step.confirm',
  fulfil: 'rma.step.fulfil',
  open_vendor_rma: 'rma.step.open_vendor_rma',
  receive_part: 'rma.step.receive_part',
  replace: 'rma.step.replace',
  receive_faulty: 'rma.step.receive_faulty',
  return_to_vendor: 'rma.step.return_to_vendor',
  cancel: 'rma.step.cancel',
};

type Fields = {
  note?: string;
  vendorRmaNumber?: string;
  route?: 'branch' | 'direct' | 'via_hq';
  serial?: string;
  newSerial?: string;
  waybill?: string;
  reason?: string;
};

/** The form fields of each step (the API's body fields, minus the defaults left to the server). */
const STEP_FIELDS: Record<DialogStep, (keyof Fields)[]> = {
  confirm: ['note'],
  fulfil: [],
  open_vendor_rma: ['vendorRmaNumber', 'route'],
  receive_part: ['serial', 'vendorRmaNumber'],
  replace: ['newSerial', 'note'],
  receive_faulty: ['serial'],
  return_to_vendor: ['waybill'],
  cancel: ['reason'],
};

const trimmed = (value: string | undefined) => value?.trim() || undefined;

function bodyOf(step: DialogStep, f: Fields): object {
  switch (step) {
    case 'confirm':
      return { note: trimmed(f.note) ?? null };
    case 'fulfil':
      return {};
    case 'open_vendor_rma':
      return {
        vendorRmaNumber: f.vendorRmaNumber?.trim(),
        route: f.route === 'branch' ? undefined : f.route,
      };
    case 'receive_part':
      return { serial: f.serial?.trim(), vendorRmaNumber: f.vendorRmaNumber?.trim() };
    case 'replace':
      return { newSerial: trimmed(f.newSerial) ?? null, note: trimmed(f.note) ?? null };
    case 'receive_faulty':
      return { serial: f.serial?.trim() };
    case 'return_to_vendor':
      return { waybill: f.waybill?.trim() };
    case 'cancel':
      return { reason: f.reason?.trim() };
  }
}

export function RmaStepDialog({ rma, step, onClose }: { rma: Rma; step: DialogStep; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const run = useRmaStep(rma);
  const [problem, setProblem] = useState<unknown>(null);
  const required = (key: MessageKey) => [{ required: true, whitespace: true, message: t(key) }];
  const fields = STEP_FIELDS[step];
  // Parts held by quantity have no serial on record: the engineer says which one went in.
  const askNewSerial = step === 'replace' && rma.issuedSerial === null && rma.goodSerial === null;

  const submit = (values: Fields) => {
    setProblem(null);
    run.mutate(
      { step, body: bodyOf(step, values) },
      {
        onSuccess: (updated) => {
          void message.success(t('rma.step.done', { number: updated.number, step: t(STEP_LABELS[step]) }));
          onClose();
        },
        onError: (error) => {
          if (!showFieldErrors(form, error, t, fields)) setProblem(error);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={`${t(STEP_LABELS[step])} · ${rma.number}`}
      okText={step === 'cancel' ? t('rma.cancel.ok') : t('dialog.confirm')}
      cancelText={step === 'cancel' ? t('rma.cancel.keep') : t('dialog.cancel')}
      okButtonProps={{ id: 'rma-step-ok', danger: step === 'cancel' }}
      confirmLoading={run.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<Fields>
        form={form}
        layout="vertical"
        name={`rma-${step}`}
        initialValues={{ route: 'branch' }}
        onFinish={submit}
        className="rma-step-form"
      >
        {step === 'confirm' && (
          <>
            <Typography.Paragraph type="secondary">{t('rma.confirm.staffHint')}</Typography.Paragraph>
            <Form.Item name="note" label={t('rma.confirm.note')}>
              <Input.TextArea
                id="rma-confirm-note"
                autoSize={{ minRows: 2 }}
                maxLength={1000}
                placeholder={t('rma.confirm.notePlaceholder')}
                autoFocus
              />
            </Form.Item>
          </>
        )}
        {step === 'fulfil' && (
          <Typography.Paragraph id="rma-fulfil-hint">
            {t('rma.fulfil.hint', { warehouse: rma.warehouse.name, part: rma.part.partNumber })}
          </Typography.Paragraph>
        )}
        {step === 'open_vendor_rma' && (
          <>
            <Form.Item
              name="vendorRmaNumber"
              label={t('rma.field.vendorRmaNumber')}
              rules={required('rma.field.vendorRmaNumberRequired')}
            >
              <Input id="rma-vendor-number" maxLength={100} autoFocus autoComplete="off" />
            </Form.Item>
            <Form.Item name="route" label={t('rma.field.route')} extra={t('rma.field.routeHint')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'branch', label: t('rma.route.byBranch') },
                  { value: 'direct', label: routeLabel('direct', t) },
                  { value: 'via_hq', label: routeLabel('via_hq', t) },
                ]}
              />
            </Form.Item>
          </>
        )}
        {step === 'receive_part' && (
          <>
            <Form.Item
              name="serial"
              label={t('rma.field.goodSerial')}
              rules={required('rma.field.serialRequired')}
            >
              <Input id="rma-good-serial" maxLength={100} autoFocus autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="vendorRmaNumber"
              label={t('rma.field.vendorRmaNumber')}
              extra={t('rma.field.vendorRmaNumberCheck')}
              rules={required('rma.field.vendorRmaNumberRequired')}
            >
              <Input id="rma-receive-vendor-number" maxLength={100} autoComplete="off" />
            </Form.Item>
            <Typography.Paragraph type="secondary">{t('rma.receivePart.hint')}</Typography.Paragraph>
          </>
        )}
        {step === 'replace' && (
          <>
            <Typography.Paragraph>
              {t('rma.replace.hint', {
                faulty: rma.faultySerial,
                serial: rma.issuedSerial ?? rma.goodSerial ?? '—',
              })}
            </Typography.Paragraph>
            {askNewSerial && (
              <Form.Item name="newSerial" label={t('rma.field.newSerial')}>
                <Input id="rma-new-serial" maxLength={100} autoComplete="off" />
              </Form.Item>
            )}
            <Form.Item name="note" label={t('rma.field.replaceNote')}>
              <Input.TextArea
                id="rma-replace-note"
                autoSize={{ minRows: 2 }}
                maxLength={4000}
                autoFocus={!askNewSerial}
              />
            </Form.Item>
          </>
        )}
        {step === 'receive_faulty' && (
          <Form.Item
            name="serial"
            label={t('rma.field.faultySerialBack')}
            extra={t('rma.field.faultySerialCheck')}
            rules={required('rma.field.serialRequired')}
          >
            <Input id="rma-faulty-serial" maxLength={100} autoFocus autoComplete="off" />
          </Form.Item>
        )}
        {step === 'return_to_vendor' && (
          <Form.Item
            name="waybill"
            label={t('rma.field.waybill')}
            rules={required('rma.field.waybillRequired')}
          >
            <Input id="rma-waybill" maxLength={100} autoFocus autoComplete="off" />
          </Form.Item>
        )}
        {step === 'cancel' && (
          <>
            <Alert
              type="warning"
              showIcon
              title={t('rma.cancel.warning')}
              className="rma-step-form__warning"
            />
            <Form.Item
              name="reason"
              label={t('rma.cancel.reason')}
              rules={required('rma.cancel.reasonRequired')}
            >
              <Input.TextArea id="rma-cancel-reason" autoSize={{ minRows: 2 }} maxLength={1000} autoFocus />
            </Form.Item>
          </>
        )}
        <StepProblem error={problem} />
      </Form>
    </Modal>
  );
}
