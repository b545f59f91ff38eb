/**
 * Message templates (administrators, `/admin/message-templates`): every mail and group-robot
 * template listed by event group; the chosen one's subject and body per language in tabs, with
 * its placeholders as chips that insert at the cursor, a live preview (templates-preview.tsx),
 * save and reset to the built-in default. Field errors from the server (an unknown placeholder,
 * stray braces, a subject on two lines) show at their field while typing.
 */
import { Card, Col, Menu, Row, Skeleton, Tabs, Tag, Typography, type MenuProps } from 'antd';
import { useState } from 'react';
import { useMe } from '../../../web/app/current-session.ts';
import { NotFoundPage } from '../../../web/app/not-found-page.tsx';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import type { MessageKey } from '../../../web/i18n/translate.ts';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import type { MessageTemplate } from '../message-templates.api.ts';
import { EVENT_GROUPS } from '../notification-preferences.api.ts';
import { NotificationsHeader } from './notifications-header.tsx';
import { TemplateEditor } from './templates-editor.tsx';
import { useMessageTemplates } from './templates-queries.ts';
import './notifications.css';
import './templates-page.css';

const idOf = (e: Pick<MessageTemplate, 'kind' | 'key'>) => `${e.kind}:${e.key}`;

export function TemplatesPage() {
  const me = useMe();
  if (!me.abilities.administer) return <NotFoundPage />;
  return <Templates />;
}

function Templates() {
  const t = useT();
  const list = useMessageTemplates();
  const [selected, setSelected] = useState('email:case.opened');
  const [locale, setLocale] = useState<'zh-CN' | 'en'>('zh-CN');

  const items = list.data?.items ?? [];
  const entry = items.find((e) => idOf(e) === selected) ?? items[0];
  const menu: MenuProps['items'] = EVENT_GROUPS.map((group) => ({
    type: 'group' as const,
    key: group,
    label: t(`notifGroup.${group}` as MessageKey),
    children: items
      .filter((e) => e.group === group)
      .map((e) => ({
        key: idOf(e),
        label: (
          <span className="templates-item" id={`template-${e.kind}-${e.key}`}>
            <span>{t(`msgTemplates.name.${e.key}` as MessageKey)}</span>
            <Tag variant="outlined">{t(`msgTemplates.kind.${e.kind}` as MessageKey)}</Tag>
            {e.locales.some((l) => l.overridden) && <Tag color="orange">{t('msgTemplates.overridden')}</Tag>}
          </span>
        ),
      })),
  }));

  return (
    <div className="page notif-page--wide">
      <NotificationsHeader title={t('msgTemplates.title')} />
      <Typography.Paragraph type="secondary">
        {t('msgTemplates.intro', { example: '{{name}}', number: '{{number}}' })}
      </Typography.Paragraph>
      {list.isPending ? (
        <Skeleton active />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={8}>
            <Card size="small" className="templates-list">
              <Menu
                id="template-list"
                mode="inline"
                selectedKeys={entry ? [idOf(entry)] : []}
                items={menu}
                onClick={({ key }) => setSelected(key)}
              />
            </Card>
          </Col>
          <Col xs={24} lg={16}>
            {entry && (
              <Card
                size="small"
                title={`${t(`msgTemplates.name.${entry.key}` as MessageKey)} · ${t(`msgTemplates.kind.${entry.kind}` as MessageKey)}`}
              >
                <Tabs
                  id="template-locales"
                  activeKey={locale}
                  onChange={(key) => setLocale(key as 'zh-CN' | 'en')}
                  items={entry.locales.map((l) => ({
                    key: l.locale,
                    label: (
                      <span>
                        {t(`locale.${l.locale}` as MessageKey)}
                        {l.overridden && (
                          <Tag color="orange" className="templates-tab-tag">
                            {t('msgTemplates.overridden')}
                          </Tag>
                        )}
                      </span>
                    ),
                  }))}
                />
                <TemplateEditor
                  // A new template, language or saved text starts the form again from the server's.
                  key={`${idOf(entry)}:${locale}:${JSON.stringify(entry.locales.find((l) => l.locale === locale))}`}
                  entry={entry}
                  locale={locale}
                />
              </Card>
            )}
          </Col>
        </Row>
      )}
    </div>
  );
}
