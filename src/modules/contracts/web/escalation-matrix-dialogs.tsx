/**
 * The dialogs of the escalation-matrix editor: a cell's actions (notify roles, open a case at
 * the upstream vendor, raise the priority) and a row's elapsed time (add or retime). Both
 * change only the editor's draft; the editor saves the whole matrix.
 */
import { Checkbox, Form, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import type { MessageKey } from '../../../web/i18n/translate.ts';
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from '../../identity/identity-roles.ts';
import type { Track } from '../../sla/escalation-matrix.ts';
import { formatMinutes } from './contract-display.tsx';
import { actionText, TRACK_LABELS } from './escalation-matrix-labels.ts';
import { DurationInput } from './service-level-targets.tsx';
import type { EscalationAction } from './service-level.queries.ts';

/** Quick choices as seed 001 words them; "Manager1 / senior engineer" notifies both roles. */
const PRESETS: { key: string; label: MessageKey; roles: StaffRole[] }[] = [
  { key: 'm1', label: 'contracts.sl.preset.manager1', roles: ['manager1', 'second_line_engineer'] },
  { key: 'm2', label: 'contracts.sl.preset.manager2', roles: ['manager2'] },
  { key: 'm3', label: 'contracts.sl.preset.manager3', roles: ['manager3'] },
];

interface CellFields {
  roles: string[];
  vendor: boolean;
  raiseTo?: 1 | 2 | 3;
}

/** A cell: the actions of one step (a priority or the commercial column at one elapsed time). */
export function CellDialog({
  track,
  minutes,
  actions,
  onClose,
  onApply,
}: {
  track: Track;
  minutes: number;
  actions: EscalationAction[];
  onClose: () => void;
  onApply: (actions: EscalationAction[]) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<CellFields>();
  const notify = actions.filter((a) => a.kind === 'notify');
  const userIds = notify.flatMap((a) => a.userIds ?? []);
  // Actions this dialog does not edit (a support group) are kept as they are.
  const kept = actions.filter((a) => a.kind === 'reassign_group');
  const roles = Form.useWatch('roles', form) ?? [];

  const apply = (f: CellFields) => {
    const next: EscalationAction[] = [];
    if (f.roles.length || userIds.length)
      next.push({ kind: 'notify', roles: f.roles, ...(userIds.length && { userIds }) });
    if (f.vendor) next.push({ kind: 'require_vendor_case' });
    if (f.raiseTo) next.push({ kind: 'raise_priority', to: f.raiseTo });
    onApply([...next, ...kept]);
  };

  return (
    <Modal
      open
      title={t('contracts.sl.cell.title', { track: t(TRACK_LABELS[track]), time: formatMinutes(minutes, t) })}
      okText={t('contracts.sl.cell.apply')}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ id: 'cell-apply' }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={560}
    >
      <Form<CellFields>
        form={form}
        layout="vertical"
        initialValues={{
          roles: [...new Set(notify.flatMap((a) => a.roles))],
          vendor: actions.some((a) => a.kind === 'require_vendor_case'),
          raiseTo: actions.find((a) => a.kind === 'raise_priority')?.to,
        }}
        onFinish={apply}
      >
        <Form.Item label={t('contracts.sl.cell.notify')} extra={t('contracts.sl.cell.notifyHint')}>
          <Space wrap className="sl-presets">
            {PRESETS.map((p) => {
              const on = p.roles.every((r) => roles.includes(r));
              return (
                <Checkbox
                  key={p.key}
                  id={`preset-${p.key}`}
                  checked={on}
                  onChange={(e) =>
                    form.setFieldsValue({
                      roles: e.target.checked
                        ? [...new Set([...roles, ...p.roles])]
                        : roles.filter((r) => !p.roles.includes(r as StaffRole)),
                    })
                  }
                >
                  {t(p.label)}
                </Checkbox>
              );
            })}
          </Space>
        </Form.Item>
        <Form.Item name="roles" label={t('contracts.sl.cell.roles')}>
          <Select
            id="cell-roles"
            mode="multiple"
            allowClear
            options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][locale] }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        {userIds.length > 0 && (
          <Typography.Paragraph type="secondary">
            {t('contracts.sl.cell.usersKept', { count: userIds.length })}
          </Typography.Paragraph>
        )}
        <Form.Item name="vendor" valuePropName="checked">
          <Checkbox id="cell-vendor">{t('contracts.sl.action.vendor')}</Checkbox>
        </Form.Item>
        <Form.Item name="raiseTo" label={t('contracts.sl.cell.raise')}>
          <Select
            id="cell-raise"
            allowClear
            placeholder={t('contracts.sl.cell.noRaise')}
            options={[1, 2, 3].map((p) => ({ value: p, label: `P${p}` }))}
          />
        </Form.Item>
        {kept.length > 0 && (
          <Typography.Paragraph type="secondary">
            {kept.map((a) => actionText(a, t, locale)).join('; ')}
          </Typography.Paragraph>
        )}
      </Form>
    </Modal>
  );
}

/** A row: its elapsed time since opening, new or changed; a time another row has is refused. */
export function RowDialog({
  minutes,
  taken,
  onClose,
  onApply,
}: {
  minutes: number | null;
  taken: number[];
  onClose: () => void;
  onApply: (minutes: number) => void;
}) {
  const t = useT();
  const [value, setValue] = useState<number | undefined>(minutes ?? undefined);
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    if (!value || value < 1) return setError(t('contracts.sl.row.required'));
    if (taken.includes(value))
      return setError(t('contracts.sl.row.taken', { time: formatMinutes(value, t) }));
    onApply(value);
  };
  return (
    <Modal
      open
      title={
        minutes === null
          ? t('contracts.sl.matrix.addRow')
          : t('contracts.sl.row.retimeTitle', { time: formatMinutes(minutes, t) })
      }
      okText={t('contracts.sl.cell.apply')}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ id: 'row-apply' }}
      onCancel={onClose}
      onOk={apply}
      destroyOnHidden
      width={420}
    >
      <Form layout="vertical" onFinish={apply}>
        <Form.Item
          label={t('contracts.sl.row.elapsed')}
          extra={t('contracts.sl.row.hint')}
          validateStatus={error ? 'error' : undefined}
          help={error ?? undefined}
        >
          <DurationInput
            id="row-elapsed"
            value={value}
            status={error ? 'error' : undefined}
            onChange={(v) => {
              setValue(v);
              setError(null);
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
