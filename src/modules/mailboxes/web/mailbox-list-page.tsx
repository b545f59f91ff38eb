/**
 * Mailboxes (administrators): the IMAP mailboxes TACdesk polls for e-mail in, with how their
 * last poll went (when, how many messages, the problem and how many failures in a row, the next
 * poll); add and change them, test a saved one's connection, poll one now, delete one.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Empty,
  Popconfirm,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useMe } from '../../../web/app/current-session.ts';
import { NotFoundPage } from '../../../web/app/not-found-page.tsx';
import { describeError } from '../../../web/api/error-message.ts';
import { formatDateTime } from '../../../web/i18n/date-time.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { RefreshButton } from '../../../web/shell/list-page.tsx';
import { problemText } from './connection-test-result.tsx';
import { MailboxDialog } from './mailbox-dialog.tsx';
import {
  useDeleteMailbox,
  useMailboxes,
  usePollMailbox,
  useTestMailbox,
  type Mailbox,
} from './mailboxes.queries.ts';
import './mailboxes.css';

type Dialog = { mailbox?: Mailbox } | null;

export function MailboxListPage() {
  const me = useMe();
  if (!me.abilities.administer) return <NotFoundPage />;
  return <MailboxList />;
}

function MailboxList() {
  const t = useT();
  const { message, notification } = App.useApp();
  const mailboxes = useMailboxes();
  const test = useTestMailbox();
  const poll = usePollMailbox();
  const remove = useDeleteMailbox();
  const [dialog, setDialog] = useState<Dialog>(null);
  const onError = (error: unknown) => void message.error(describeError(error, t).message);

  const testOne = (m: Mailbox) =>
    test.mutate(
      { id: m.id },
      {
        onSuccess: (result) =>
          result.ok
            ? void message.success(t('mailboxes.test.okFor', { name: m.name }))
            : notification.error({
                title: t('mailboxes.test.failed'),
                description: result.error ? problemText(result.error, t) : undefined,
              }),
        onError,
      },
    );
  const pollOne = (m: Mailbox) =>
    poll.mutate(m.id, {
      onSuccess: (result) =>
        result.error
          ? notification.error({
              title: t('mailboxes.poll.failed'),
              description: problemText(result.error, t),
            })
          : notification.success({
              title: t('mailboxes.poll.done', { name: m.name }),
              description: t('mailboxes.poll.taken', {
                taken: result.taken,
                left: result.left,
                outcomes:
                  Object.entries(result.outcomes)
                    .map(
                      ([outcome, n]) =>
                        `${t(`mailboxes.outcome.${outcome as keyof typeof result.outcomes}`)} ${n}`,
                    )
                    .join(' · ') || '—',
              }),
            }),
      onError,
    });

  const columns: TableColumnsType<Mailbox> = [
    {
      key: 'name',
      title: t('mailboxes.col.name'),
      render: (_, m) => (
        <div>
          <Space size={4} wrap>
            <span className="mailbox-strong">{m.name}</span>
            {!m.active && <Tag>{t('mailboxes.inactive')}</Tag>}
          </Space>
          <div className="mailbox-small">{m.username}</div>
        </div>
      ),
    },
    {
      key: 'server',
      title: t('mailboxes.col.server'),
      width: 240,
      render: (_, m) => (
        <div className="mailbox-small">
          <span className="mailbox-mono">
            {m.host}:{m.port}
          </span>{' '}
          <Tag>{t(`mailboxes.security.${m.security}`)}</Tag>
          <div>
            {m.folder} →{' '}
            {m.afterProcessing === 'move'
              ? t('mailboxes.after.moveTo', { folder: m.moveToFolder ?? '' })
              : t('mailboxes.after.seen')}
          </div>
        </div>
      ),
    },
    {
      key: 'status',
      title: t('mailboxes.col.status'),
      render: (_, m) => <MailboxStatus mailbox={m} />,
    },
    {
      key: 'actions',
      title: t('mailboxes.col.actions'),
      width: 260,
      render: (_, m) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setDialog({ mailbox: m })}>
            {t('mailboxes.edit')}
          </Button>
          <Button
            type="link"
            size="small"
            onClick={() => testOne(m)}
            loading={
              test.isPending &&
              'id' in (test.variables ?? {}) &&
              (test.variables as { id: number }).id === m.id
            }
          >
            {t('mailboxes.test')}
          </Button>
          <Button
            type="link"
            size="small"
            className="mailbox-poll"
            disabled={m.status.polling}
            onClick={() => pollOne(m)}
            loading={poll.isPending && poll.variables === m.id}
          >
            {t('mailboxes.poll')}
          </Button>
          <Popconfirm
            title={t('mailboxes.deleteConfirm', { name: m.name })}
            description={t('mailboxes.deleteHint')}
            okText={t('mailboxes.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('dialog.cancel')}
            onConfirm={() =>
              remove.mutate(m.id, {
                onSuccess: () => void message.success(t('mailboxes.deleted', { name: m.name })),
                onError,
              })
            }
          >
            <Button type="link" size="small" danger>
              {t('mailboxes.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div className="page mailbox-page">
      <AppLink href="/admin" className="mailbox-back">
        ← {t('mailboxes.admin')}
      </AppLink>
      <header className="mailbox-header">
        <Typography.Title level={2} className="page__title">
          {t('mailboxes.title')}
        </Typography.Title>
        <Space>
          <RefreshButton label={t('mailboxes.refresh')} query={mailboxes} />
          <Button id="new-mailbox" type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})}>
            {t('mailboxes.new')}
          </Button>
        </Space>
      </header>
      <Typography.Paragraph type="secondary">{t('mailboxes.intro')}</Typography.Paragraph>
      {mailboxes.isError && <ErrorAlert error={mailboxes.error} />}
      <Table<Mailbox>
        rowKey="id"
        size="middle"
        pagination={false}
        columns={columns}
        dataSource={mailboxes.data}
        loading={mailboxes.isPending}
        scroll={{ x: 900 }}
        rowClassName={() => 'mailbox-row'}
        locale={{ emptyText: <Empty description={t('mailboxes.empty')} /> }}
      />
      {dialog && <MailboxDialog mailbox={dialog.mailbox} onClose={() => setDialog(null)} />}
    </div>
  );
}

function MailboxStatus({ mailbox: m }: { mailbox: Mailbox }) {
  const t = useT();
  const s = m.status;
  return (
    <div className="mailbox-small">
      {s.polling && <Tag color="processing">{t('mailboxes.status.polling')}</Tag>}
      {s.lastError ? (
        <Tooltip title={s.lastError.message}>
          <Tag color="red" className="mailbox-error">
            {t(`mailboxes.problem.${s.lastError.problem}`)}
          </Tag>
        </Tooltip>
      ) : (
        s.lastPolledAt && <Tag color="green">{t('mailboxes.status.ok')}</Tag>
      )}
      <div>
        {s.lastPolledAt
          ? t('mailboxes.status.lastPolled', {
              time: formatDateTime(s.lastPolledAt),
              taken: s.lastTaken ?? 0,
            })
          : t('mailboxes.status.never')}
      </div>
      {s.lastError && (
        <Typography.Text type="danger">
          {t('mailboxes.status.failures', { count: s.failures, time: formatDateTime(s.lastError.at) })}
        </Typography.Text>
      )}
      {m.active && (
        <div className="mailbox-muted">
          {t('mailboxes.status.next', { time: formatDateTime(s.nextPollAt) })}
        </div>
      )}
    </div>
  );
}
