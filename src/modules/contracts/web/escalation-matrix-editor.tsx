/**
 * The escalation-matrix editor, laid out like seed 001's table: a row per elapsed time since
 * opening without diagnosis, a column per priority P1–P4 and the commercial-status column, each
 * cell the actions of that step (notify Manager1 / senior engineer, Manager2, Manager3, open a
 * case at the upstream vendor, raise the priority …). Rows can be added, retimed and removed;
 * saving replaces the level's matrix, and the server's field errors land on their cell.
 */
import { DeleteOutlined, EditOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../web/api/api-error.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import type { Locale, MessageKey, Translate } from '../../../web/i18n/translate.ts';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from '../../identity/identity-roles.ts';
import { TRACKS, type Track } from '../../sla/escalation-matrix.ts';
import { formatMinutes } from './contract-display.tsx';
import { DurationInput } from './service-level-targets.tsx';
import {
  useEscalationMatrix,
  useSaveEscalationMatrix,
  type EscalationAction,
  type EscalationMatrix,
  type MatrixStep,
} from './service-level.queries.ts';

const TRACK_LABELS: Record<Track, MessageKey> = {
  P1: 'contracts.sl.track.P1',
  P2: 'contracts.sl.track.P2',
  P3: 'contracts.sl.track.P3',
  P4: 'contracts.sl.track.P4',
  commercial: 'contracts.sl.track.commercial',
};

/** Seed 001 names people by their level: Manager1..3, "senior engineer" is the second line. */
const SHORT_ROLE: Partial<Record<StaffRole, MessageKey>> = {
  manager1: 'contracts.sl.role.manager1',
  manager2: 'contracts.sl.role.manager2',
  manager3: 'contracts.sl.role.manager3',
  second_line_engineer: 'contracts.sl.role.senior',
};

function roleName(role: string, t: Translate, locale: Locale): string {
  const short = SHORT_ROLE[role as StaffRole];
  if (short) return t(short);
  return (STAFF_ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as StaffRole][locale] : role;
}

/** One action as the cell shows it. */
export function actionText(action: EscalationAction, t: Translate, locale: Locale): string {
  switch (action.kind) {
    case 'notify': {
      const roles = action.roles.map((r) => roleName(r, t, locale)).join(' / ');
      const users = action.userIds?.length
        ? t('contracts.sl.action.users', { count: action.userIds.length })
        : '';
      return t('contracts.sl.action.notify', { who: [roles, users].filter(Boolean).join(' + ') });
    }
    case 'require_vendor_case':
      return t('contracts.sl.action.vendor');
    case 'raise_priority':
      return t('contracts.sl.action.raise', { priority: action.to });
    case 'reassign_group':
      return t('contracts.sl.action.group', { id: action.groupId });
  }
}

interface EditorState {
  /** Elapsed minutes of the rows, ascending; a row may be empty while being filled in. */
  rows: number[];
  steps: MatrixStep[];
}

function stateOf(matrix: EscalationMatrix): EditorState {
  const steps = matrix.steps.map(({ track, elapsedMinutes, actions }) => ({
    track,
    elapsedMinutes,
    actions,
  }));
  return { rows: [...new Set(steps.map((s) => s.elapsedMinutes))].sort((a, b) => a - b), steps };
}

type CellKey = `${Track}:${number}`;
const cellKey = (track: Track, minutes: number): CellKey => `${track}:${minutes}`;

export function EscalationMatrixCard({
  serviceLevelId,
  editable,
}: {
  serviceLevelId: number;
  editable: boolean;
}) {
  const t = useT();
  const query = useEscalationMatrix(serviceLevelId);
  return (
    <Card size="small" title={t('contracts.sl.matrix.title')} id="escalation-matrix">
      <Typography.Paragraph type="secondary">{t('contracts.sl.matrix.intro')}</Typography.Paragraph>
      {query.isError && <ErrorAlert error={query.error} />}
      {query.isPending && <Typography.Text type="secondary">{t('contracts.sl.loading')}</Typography.Text>}
      {query.data && (
        <MatrixEditor
          key={JSON.stringify(query.data)}
          serviceLevelId={serviceLevelId}
          matrix={query.data}
          editable={editable}
        />
      )}
    </Card>
  );
}

function MatrixEditor({
  serviceLevelId,
  matrix,
  editable,
}: {
  serviceLevelId: number;
  matrix: EscalationMatrix;
  editable: boolean;
}) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const save = useSaveEscalationMatrix(serviceLevelId);
  const [state, setState] = useState<EditorState>(() => stateOf(matrix));
  const [cellErrors, setCellErrors] = useState<Partial<Record<CellKey, string>>>({});
  const [generalError, setGeneralError] = useState<unknown>(null);
  const [editingCell, setEditingCell] = useState<{ track: Track; minutes: number } | null>(null);
  const [editingRow, setEditingRow] = useState<{ minutes: number | null } | null>(null);
  const dirty = JSON.stringify(state) !== JSON.stringify(stateOf(matrix));

  const stepAt = (track: Track, minutes: number) =>
    state.steps.find((s) => s.track === track && s.elapsedMinutes === minutes);

  const setCell = (track: Track, minutes: number, actions: EscalationAction[]) => {
    setState((s) => {
      const others = s.steps.filter((x) => !(x.track === track && x.elapsedMinutes === minutes));
      return {
        ...s,
        steps: actions.length ? [...others, { track, elapsedMinutes: minutes, actions }] : others,
      };
    });
    setCellErrors((e) => ({ ...e, [cellKey(track, minutes)]: undefined }));
  };

  const retimeRow = (from: number | null, to: number) => {
    setState((s) => {
      const rows = [...new Set([...s.rows.filter((r) => r !== from), to])].sort((a, b) => a - b);
      const steps =
        from === null
          ? s.steps
          : s.steps.map((x) => (x.elapsedMinutes === from ? { ...x, elapsedMinutes: to } : x));
      return { rows, steps };
    });
  };

  const removeRow = (minutes: number) =>
    setState((s) => ({
      rows: s.rows.filter((r) => r !== minutes),
      steps: s.steps.filter((x) => x.elapsedMinutes !== minutes),
    }));

  const submit = (steps: MatrixStep[]) => {
    setGeneralError(null);
    setCellErrors({});
    const ordered = [...steps].sort(
      (a, b) => a.elapsedMinutes - b.elapsedMinutes || TRACKS.indexOf(a.track) - TRACKS.indexOf(b.track),
    );
    save.mutate(ordered, {
      onSuccess: (saved) => {
        setState(stateOf(saved));
        void message.success(
          saved.isDefault ? t('contracts.sl.matrix.resetDone') : t('contracts.sl.matrix.saved'),
        );
      },
      onError: (error) => {
        const byCell: Partial<Record<CellKey, string>> = {};
        if (isApiError(error))
          for (const e of error.fieldErrors) {
            const index = /^body\.steps\.(\d+)/.exec(e.field)?.[1];
            const step = index === undefined ? undefined : ordered[Number(index)];
            if (step)
              byCell[cellKey(step.track, step.elapsedMinutes)] = t('error.fieldInvalid', {
                message: e.message,
              });
          }
        if (Object.keys(byCell).length) setCellErrors(byCell);
        else setGeneralError(error);
      },
    });
  };

  return (
    <>
      {matrix.isDefault && (
        <Alert type="info" showIcon className="sl-alert" title={t('contracts.sl.matrix.usingDefault')} />
      )}
      <div className="sl-matrix-scroll">
        <table className="sl-matrix" id="matrix-table">
          <thead>
            <tr>
              <th scope="col" className="sl-matrix__elapsed">
                {t('contracts.sl.matrix.elapsed')}
              </th>
              {TRACKS.map((track) => (
                <th key={track} scope="col">
                  {t(TRACK_LABELS[track])}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {state.rows.length === 0 && (
              <tr>
                <td colSpan={TRACKS.length + 1} className="sl-matrix__empty">
                  {t('contracts.sl.matrix.empty')}
                </td>
              </tr>
            )}
            {state.rows.map((minutes) => (
              <tr key={minutes} data-elapsed={minutes}>
                <th scope="row" className="sl-matrix__elapsed">
                  <span className="sl-matrix__time">{formatMinutes(minutes, t)}</span>
                  {editable && (
                    <span className="sl-matrix__row-actions">
                      <Button
                        type="text"
                        size="small"
                        icon={<EditOutlined />}
                        aria-label={t('contracts.sl.matrix.retime', { time: formatMinutes(minutes, t) })}
                        onClick={() => setEditingRow({ minutes })}
                      />
                      <Popconfirm
                        title={t('contracts.sl.matrix.removeRowConfirm', { time: formatMinutes(minutes, t) })}
                        okText={t('contracts.sl.matrix.removeRow')}
                        okButtonProps={{ danger: true }}
                        cancelText={t('dialog.cancel')}
                        onConfirm={() => removeRow(minutes)}
                      >
                        <Button
                          type="text"
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('contracts.sl.matrix.removeRow')}
                        />
                      </Popconfirm>
                    </span>
                  )}
                </th>
                {TRACKS.map((track) => {
                  const step = stepAt(track, minutes);
                  const error = cellErrors[cellKey(track, minutes)];
                  const content = step?.actions.map((a, i) => (
                    <Tag
                      key={i}
                      color={
                        a.kind === 'require_vendor_case' ? 'purple' : a.kind === 'notify' ? 'blue' : 'orange'
                      }
                    >
                      {actionText(a, t, locale)}
                    </Tag>
                  ));
                  return (
                    <td
                      key={track}
                      className={`sl-matrix__cell${step ? ' sl-matrix__cell--set' : ''}${error ? ' sl-matrix__cell--error' : ''}`}
                      data-track={track}
                    >
                      {editable ? (
                        <button
                          type="button"
                          className="sl-matrix__cell-button"
                          aria-label={t('contracts.sl.matrix.editCell', {
                            track: t(TRACK_LABELS[track]),
                            time: formatMinutes(minutes, t),
                          })}
                          onClick={() => setEditingCell({ track, minutes })}
                        >
                          {content ?? <span className="sl-matrix__blank">+</span>}
                        </button>
                      ) : (
                        content
                      )}
                      {error && <div className="sl-error">{error}</div>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorAlert error={generalError} />
      {editable && (
        <div className="sl-matrix__toolbar">
          <Button
            id="matrix-add-row"
            icon={<PlusOutlined />}
            onClick={() => setEditingRow({ minutes: null })}
          >
            {t('contracts.sl.matrix.addRow')}
          </Button>
          <Space wrap>
            {!matrix.isDefault && (
              <Popconfirm
                title={t('contracts.sl.matrix.resetConfirm')}
                okText={t('contracts.sl.matrix.reset')}
                cancelText={t('dialog.cancel')}
                onConfirm={() => submit([])}
              >
                <Button icon={<UndoOutlined />}>{t('contracts.sl.matrix.reset')}</Button>
              </Popconfirm>
            )}
            <Button disabled={!dirty} onClick={() => setState(stateOf(matrix))}>
              {t('contracts.sl.undo')}
            </Button>
            <Button
              id="matrix-save"
              type="primary"
              disabled={!dirty || state.steps.length === 0}
              loading={save.isPending}
              onClick={() => submit(state.steps)}
            >
              {t('contracts.sl.matrix.save')}
            </Button>
          </Space>
        </div>
      )}
      {editingCell && (
        <CellDialog
          track={editingCell.track}
          minutes={editingCell.minutes}
          actions={stepAt(editingCell.track, editingCell.minutes)?.actions ?? []}
          onClose={() => setEditingCell(null)}
          onApply={(actions) => {
            setCell(editingCell.track, editingCell.minutes, actions);
            setEditingCell(null);
          }}
        />
      )}
      {editingRow && (
        <RowDialog
          minutes={editingRow.minutes}
          taken={state.rows.filter((r) => r !== editingRow.minutes)}
          onClose={() => setEditingRow(null)}
          onApply={(to) => {
            retimeRow(editingRow.minutes, to);
            setEditingRow(null);
          }}
        />
      )}
    </>
  );
}

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

function CellDialog({
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

function RowDialog({
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
