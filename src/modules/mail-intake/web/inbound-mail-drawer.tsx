/**
 * One received mail, read before deciding: who sent it to whom, why it is in quarantine, the
 * sanitised HTML in a sandboxed frame (no scripts, no same-origin) and the text part, the
 * attachments and the original .eml; then, while it is in quarantine, accept it (as a new case
 * or a reply on a case) or reject it with a reason.
 */
import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Collapse, Descriptions, Drawer, List, Skeleton, Space, Tabs, Typography } from 'antd';
import { AppLink } from '../../../web/app/app-link.tsx';
import { formatDateTime } from '../../../web/i18n/date-time.ts';
import { useLocale, useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { AcceptMailForm } from './accept-mail-form.tsx';
import { addressText, MailReason, MailStateTag, senderText } from './mail-display.tsx';
import { useInboundMail, type InboundMail } from './mail-intake.queries.ts';
import { RejectMailButton } from './reject-mail-button.tsx';

export function InboundMailDrawer({ mailId, onClose }: { mailId: number; onClose: () => void }) {
  const t = useT();
  const mail = useInboundMail(mailId);
  return (
    <Drawer
      open
      onClose={onClose}
      size={960}
      title={mail.data ? mail.data.subject || t('mail.noSubject') : t('mail.drawer.title')}
      className="mail-drawer"
      destroyOnHidden
    >
      {mail.isPending ? (
        <Skeleton active />
      ) : mail.isError ? (
        <ErrorAlert error={mail.error} />
      ) : (
        <MailDetail mail={mail.data} />
      )}
    </Drawer>
  );
}

function MailDetail({ mail }: { mail: InboundMail }) {
  const t = useT();
  const { locale } = useLocale();
  const na = <Typography.Text type="secondary">—</Typography.Text>;
  const list = (addresses: InboundMail['to']) =>
    addresses.length ? addresses.map(addressText).join(', ') : na;
  const open = mail.state === 'quarantined';
  return (
    <Space orientation="vertical" size={16} className="mail-full">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('mail.col.from')}>
          <span id="mail-from">{senderText(mail.from, t)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('mail.to')}>{list(mail.to)}</Descriptions.Item>
        {mail.cc.length > 0 && <Descriptions.Item label={t('mail.cc')}>{list(mail.cc)}</Descriptions.Item>}
        <Descriptions.Item label={t('mail.date')}>
          {mail.date ? formatDateTime(mail.date) : na} ·{' '}
          {t('mail.receivedAt', { time: formatDateTime(mail.receivedAt) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('mail.col.state')}>
          <MailStateTag state={mail.state} />
          <MailReason mail={mail} locale={locale} />
        </Descriptions.Item>
        {mail.case && (
          <Descriptions.Item label={t('mail.case')}>
            <AppLink id="mail-case-link" href={`/cases/${mail.case.id}`}>
              {mail.case.number}
            </AppLink>
            {mail.organisation && ` · ${mail.organisation.name}`}
          </Descriptions.Item>
        )}
        {mail.settledAt && (
          <Descriptions.Item label={t('mail.settled')}>
            {t('mail.settledBy', { name: mail.settledBy?.name ?? '—', time: formatDateTime(mail.settledAt) })}
            {mail.settleNote && <div className="mail-prewrap">{mail.settleNote}</div>}
          </Descriptions.Item>
        )}
      </Descriptions>
      {open &&
        (mail.abilities.accept ? (
          <AcceptMailForm mail={mail}>
            {mail.abilities.reject && <RejectMailButton mailId={mail.id} />}
          </AcceptMailForm>
        ) : (
          mail.abilities.reject && <RejectMailButton mailId={mail.id} />
        ))}
      <MailBody mail={mail} />
      <MailFiles mail={mail} />
      <Collapse
        size="small"
        items={[
          {
            key: 'headers',
            label: t('mail.headers'),
            children: (
              <Descriptions column={1} size="small">
                <Descriptions.Item label="Message-ID">{mail.messageId}</Descriptions.Item>
                <Descriptions.Item label="In-Reply-To">{mail.headers.inReplyTo ?? na}</Descriptions.Item>
                <Descriptions.Item label="References">
                  {mail.headers.references.join(' ') || na}
                </Descriptions.Item>
                <Descriptions.Item label="Reply-To">{list(mail.replyTo)}</Descriptions.Item>
                <Descriptions.Item label="Auto-Submitted">
                  {mail.headers.autoSubmitted ?? na}
                </Descriptions.Item>
                <Descriptions.Item label="Precedence">{mail.headers.precedence ?? na}</Descriptions.Item>
                <Descriptions.Item label="Return-Path">{mail.headers.returnPath ?? na}</Descriptions.Item>
                <Descriptions.Item label="X-Mailer">{mail.headers.mailer ?? na}</Descriptions.Item>
                <Descriptions.Item label={t('mail.source')}>
                  {t(`mail.source.${mail.source}`)}
                </Descriptions.Item>
              </Descriptions>
            ),
          },
        ]}
      />
    </Space>
  );
}

/**
 * The HTML part in a frame with every sandbox restriction (`sandbox=""`: no scripts, no forms, an
 * opaque origin that cannot reach the console's cookies or DOM), and the text part. The frame gets
 * the display HTML, whose inline images the server embedded as `data:` URIs: the frame's own
 * requests carry no session, so our download URLs would not load there (mail-display-html.ts).
 */
function MailBody({ mail }: { mail: InboundMail }) {
  const t = useT();
  const text = (
    <pre id="mail-text" className="mail-text">
      {mail.text || t('mail.noText')}
    </pre>
  );
  if (mail.html === null) return text;
  return (
    <Tabs
      size="small"
      items={[
        {
          key: 'html',
          label: t('mail.html'),
          children: (
            <iframe
              id="mail-html"
              className="mail-html"
              title={t('mail.html')}
              sandbox=""
              referrerPolicy="no-referrer"
              srcDoc={mail.displayHtml ?? mail.html}
            />
          ),
        },
        { key: 'text', label: t('mail.text'), children: text },
      ]}
    />
  );
}

function MailFiles({ mail }: { mail: InboundMail }) {
  const t = useT();
  return (
    <div>
      <Typography.Title level={5}>{t('mail.attachments')}</Typography.Title>
      <List
        size="small"
        bordered
        dataSource={mail.attachments}
        locale={{ emptyText: t('mail.noAttachments') }}
        renderItem={(a) => (
          <List.Item>
            <Space wrap>
              <PaperClipOutlined />
              {a.downloadUrl ? (
                <a href={a.downloadUrl} download={a.fileName}>
                  {a.fileName}
                </a>
              ) : (
                <Typography.Text delete>{a.fileName}</Typography.Text>
              )}
              <Typography.Text type="secondary">
                {a.mediaType} · {formatSize(a.size)}
                {a.inline && ` · ${t('mail.inline')}`}
              </Typography.Text>
              {a.skipped && (
                <Typography.Text type="danger">{t('mail.skipped', { reason: a.skipped })}</Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
      {mail.rawDownloadUrl && (
        <a id="mail-raw" href={mail.rawDownloadUrl} download className="mail-raw">
          <DownloadOutlined /> {t('mail.raw', { size: formatSize(mail.rawSize) })}
        </a>
      )}
    </div>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
