/**
 * The escalation-matrix editor, laid out like seed 001's table: a row per elapsed time since
 * opening without diagnosis, a column per priority P1–P4 and the commercial-status column, each
 * cell the actions of that step (notify Manager1 / senior engineer, Manager2, Manager3, open a
 * case at the upstream vendor, raise the priority …). Rows can be added, retimed and removed;
 * saving replaces the level's matrix, and the server's field errors land on their cell.
 */
import { DeleteOutlined, EditOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../web/api/api-error.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { TRACKS, type Track } from '../../sla/escalation-matrix.ts';
import { formatMinutes } from './contract-display.tsx';
import { CellDialog, RowDialog } from './escalation-matrix-dialogs.tsx';
import { actionText, TRACK_LABELS } from './escalation-matrix-labels.ts';
import {
  useEscalationMatrix,
  useSaveEscalationMatrix,
  type EscalationAction,
  type EscalationMatrix,
  type MatrixStep,
} from './service-level.queries.ts';

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
