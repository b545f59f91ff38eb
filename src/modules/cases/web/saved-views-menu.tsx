/**
 * Saved views on the case queue: pick one of the caller's views or a colleague's shared one (it
 * opens `/cases?<its query>`), save the current filter under a name, and rename, re-point or
 * delete one's own views.
 */
import { DeleteOutlined, EditOutlined, SaveOutlined, SettingOutlined, SyncOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Checkbox,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { navigate, useLocation } from '../../../web/app/router.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { formatDateTime } from './case-display.tsx';
import {
  useDeleteViewMutation,
  useSavedViews,
  useSaveViewMutation,
  viewQueryOf,
  type SavedView,
} from './queue-tools.queries.ts';

export function SavedViewsMenu() {
  const t = useT();
  const { search } = useLocation();
  const views = useSavedViews();
  const [dialog, setDialog] = useState<'save' | 'manage' | SavedView | null>(null);
  const items = views.data?.items ?? [];
  const current = viewQueryOf(search);
  const active =
    items.find((v) => v.mine && viewQueryOf(v.query) === current) ??
    items.find((v) => viewQueryOf(v.query) === current);
  const option = (v: SavedView) => ({
    value: v.id,
    label: v.name,
    title: v.mine ? v.name : `${v.name} · ${t('queueTools.views.sharedBy', { name: v.owner.name })}`,
  });
  const mine = items.filter((v) => v.mine);
  const shared = items.filter((v) => !v.mine);

  return (
    <Space.Compact className="saved-views">
      <Select<number>
        id="saved-views-select"
        aria-label={t('queueTools.views.label')}
        placeholder={t('queueTools.views.placeholder')}
        className="saved-views__select"
        loading={views.isPending}
        value={active?.id}
        notFoundContent={t('queueTools.views.empty')}
        onChange={(id) => {
          const view = items.find((v) => v.id === id);
          if (view) navigate(view.query ? `/cases?${view.query}` : '/cases');
        }}
        options={[
          ...(mine.length ? [{ label: t('queueTools.views.mine'), options: mine.map(option) }] : []),
          ...(shared.length ? [{ label: t('queueTools.views.shared'), options: shared.map(option) }] : []),
        ]}
        optionRender={(o) => {
          const view = items.find((v) => v.id === o.value);
          return (
            <span className="saved-views__option">
              {view?.name}
              {view && !view.mine && (
                <Typography.Text type="secondary">
                  {' '}
                  · {t('queueTools.views.sharedBy', { name: view.owner.name })}
                </Typography.Text>
              )}
              {view?.mine && view.shared && (
                <Tag className="saved-views__tag">{t('queueTools.views.sharedTag')}</Tag>
              )}
            </span>
          );
        }}
      />
      <Tooltip title={t('queueTools.views.saveTitle')}>
        <Button id="saved-views-save" icon={<SaveOutlined />} onClick={() => setDialog('save')}>
          {t('queueTools.views.save')}
        </Button>
      </Tooltip>
      <Tooltip title={t('queueTools.views.manage')}>
        <Button
          id="saved-views-manage"
          icon={<SettingOutlined />}
          aria-label={t('queueTools.views.manage')}
          onClick={() => setDialog('manage')}
        />
      </Tooltip>
      {dialog === 'save' && (
        <ViewDialog
          query={current}
          canShare={views.data?.canShare ?? false}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog !== null && typeof dialog === 'object' && (
        <ViewDialog
          view={dialog}
          canShare={views.data?.canShare ?? false}
          onClose={() => setDialog('manage')}
        />
      )}
      {dialog === 'manage' && (
        <ManageViews views={mine} current={current} onEdit={setDialog} onClose={() => setDialog(null)} />
      )}
    </Space.Compact>
  );
}

/** Save the current filter as a new view, or rename / (un)share an existing one. */
function ViewDialog({
  view,
  query,
  canShare,
  onClose,
}: {
  view?: SavedView;
  query?: string;
  canShare: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; shared: boolean }>();
  const save = useSaveViewMutation();
  const [fieldErrorsShown, setFieldErrorsShown] = useState(false);
  return (
    <Modal
      open
      title={view ? t('queueTools.views.renameTitle') : t('queueTools.views.saveTitle')}
      okText={t('dialog.confirm')}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ id: 'saved-view-submit' }}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: view?.name ?? '', shared: view?.shared ?? false }}
        onFinish={({ name, shared }) => {
          setFieldErrorsShown(false);
          save.mutate(
            view
              ? { id: view.id, name: name.trim(), ...(canShare || !shared ? { shared } : {}) }
              : { name: name.trim(), query: query ?? '', shared: canShare && shared },
            {
              onSuccess: (saved) => {
                void message.success(
                  t(view ? 'queueTools.views.updated' : 'queueTools.views.saved', { name: saved.name }),
                );
                onClose();
              },
              onError: (error) =>
                setFieldErrorsShown(
                  showFieldErrors(form, error, t, ['name', 'shared'], {
                    conflicts: { name: 'queueTools.views.nameTaken' },
                  }),
                ),
            },
          );
        }}
      >
        <Form.Item
          name="name"
          label={t('queueTools.views.name')}
          rules={[{ required: true, whitespace: true, message: t('queueTools.views.nameRequired') }]}
        >
          <Input
            id="saved-view-name"
            maxLength={80}
            autoFocus
            placeholder={t('queueTools.views.namePlaceholder')}
          />
        </Form.Item>
        {(canShare || view?.shared) && (
          <Form.Item name="shared" valuePropName="checked" extra={t('queueTools.views.shareHint')}>
            <Checkbox id="saved-view-shared" disabled={!canShare}>
              {t('queueTools.views.shareWithAll')}
            </Checkbox>
          </Form.Item>
        )}
      </Form>
      {save.isError && !fieldErrorsShown && <ErrorAlert error={save.error} id="saved-view-error" />}
    </Modal>
  );
}

/** The caller's own views: open, edit, point at the current filter, delete (confirmed). */
function ManageViews({
  views,
  current,
  onEdit,
  onClose,
}: {
  views: SavedView[];
  current: string;
  onEdit: (view: SavedView) => void;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const save = useSaveViewMutation();
  const remove = useDeleteViewMutation();
  return (
    <Modal
      open
      title={t('queueTools.views.manageTitle')}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('queueTools.views.close')}</Button>}
      destroyOnHidden
      width={640}
    >
      {(save.isError || remove.isError) && <ErrorAlert error={save.error ?? remove.error} />}
      <List<SavedView>
        id="saved-views-list"
        dataSource={views}
        locale={{ emptyText: t('queueTools.views.manageEmpty') }}
        renderItem={(view) => (
          <List.Item
            className="saved-views__item"
            actions={[
              <Button
                key="open"
                type="link"
                size="small"
                onClick={() => {
                  onClose();
                  navigate(view.query ? `/cases?${view.query}` : '/cases');
                }}
              >
                {t('queueTools.views.apply')}
              </Button>,
              <Tooltip key="current" title={t('queueTools.views.useCurrent')}>
                <Button
                  type="text"
                  size="small"
                  icon={<SyncOutlined />}
                  aria-label={t('queueTools.views.useCurrent')}
                  disabled={viewQueryOf(view.query) === current}
                  onClick={() =>
                    save.mutate(
                      { id: view.id, query: current },
                      {
                        onSuccess: (v) =>
                          void message.success(t('queueTools.views.updated', { name: v.name })),
                      },
                    )
                  }
                />
              </Tooltip>,
              <Tooltip key="edit" title={t('queueTools.views.rename')}>
                <Button
                  type="text"
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t('queueTools.views.rename')}
                  onClick={() => onEdit(view)}
                />
              </Tooltip>,
              <Popconfirm
                key="delete"
                title={t('queueTools.views.deleteConfirm', { name: view.name })}
                okText={t('queueTools.views.delete')}
                cancelText={t('dialog.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  remove
                    .mutateAsync(view.id)
                    .then(() => void message.success(t('queueTools.views.deleted', { name: view.name })))
                    // Shown above the list.
                    .catch(() => undefined)
                }
              >
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('queueTools.views.delete')}
                />
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space size={4}>
                  {view.name}
                  {view.shared && <Tag>{t('queueTools.views.sharedTag')}</Tag>}
                </Space>
              }
              description={t('queueTools.views.updatedAt', { time: formatDateTime(view.updatedAt) })}
            />
          </List.Item>
        )}
      />
    </Modal>
  );
}
