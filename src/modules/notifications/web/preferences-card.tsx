/**
 * "My notifications" on the account page (console and portal): per event group and channel a
 * switch — e-mail only for customer contacts; mandatory ones shown on and locked, a duty
 * engineer's P1 SMS marked as always sent — and quiet hours (from, to, weekends) read in the
 * account's time zone. Saved together; the server refuses what may not change, naming the field.
 */
import { LockOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Select, Skeleton, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import type { MessageKey } from '../../../web/i18n/translate.ts';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import type {
  EventGroup,
  NotificationPreferences,
  PersonalChannel,
  QuietHours,
} from '../notification-preferences.api.ts';
import { useMyNotificationPreferences, useSaveNotificationPreferences } from './preferences-queries.ts';
import './templates-page.css';

type Row = NotificationPreferences['groups'][number];
type Switches = Partial<Record<EventGroup, Partial<Record<PersonalChannel, boolean>>>>;

/** Every quarter of an hour, for the quiet-hours pickers. */
const TIMES = Array.from({ length: 96 }, (_, i) => {
  const hhmm = `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`;
  return { value: hhmm, label: hhmm };
});

export function NotificationPreferencesCard() {
  const t = useT();
  const prefs = useMyNotificationPreferences();
  return (
    <Card title={t('notifPrefs.title')} id="notification-preferences">
      {prefs.isPending ? (
        <Skeleton active />
      ) : prefs.isError ? (
        <ErrorAlert error={prefs.error} />
      ) : (
        <PreferencesForm key={prefs.data.updatedAt ?? 'defaults'} prefs={prefs.data} />
      )}
    </Card>
  );
}

function PreferencesForm({ prefs }: { prefs: NotificationPreferences }) {
  const t = useT();
  const { message } = App.useApp();
  const save = useSaveNotificationPreferences();
  const [error, setError] = useState<unknown>(null);
  const [switches, setSwitches] = useState<Switches>({});
  const [quiet, setQuiet] = useState<QuietHours | null>(prefs.quietHours);

  const enabled = (row: Row, channel: PersonalChannel) =>
    switches[row.group]?.[channel] ?? row.channels[channel].enabled;
  const flip = (group: EventGroup, channel: PersonalChannel, on: boolean) =>
    setSwitches((s) => ({ ...s, [group]: { ...s[group], [channel]: on } }));

  const columns = [
    {
      key: 'group',
      title: t('notifPrefs.event'),
      render: (_: unknown, row: Row) => t(`notifGroup.${row.group}` as MessageKey),
    },
    ...prefs.channels.map((channel) => ({
      key: channel,
      title: t(channel === 'email' ? 'notifPrefs.email' : 'notifPrefs.sms'),
      render: (_: unknown, row: Row) => {
        const cell = row.channels[channel];
        if (!cell.available)
          return (
            <Tooltip title={t('notifPrefs.notSent')}>
              <Typography.Text type="secondary">—</Typography.Text>
            </Tooltip>
          );
        const id = `pref-${row.group}-${channel}`;
        if (cell.locked)
          return (
            <Tooltip title={t('notifPrefs.locked')}>
              <span>
                <Switch id={id} size="small" checked disabled aria-label={t('notifPrefs.locked')} />{' '}
                <LockOutlined />
              </span>
            </Tooltip>
          );
        return (
          <span>
            <Switch
              id={id}
              size="small"
              checked={enabled(row, channel)}
              onChange={(on) => flip(row.group, channel, on)}
              aria-label={`${t(`notifGroup.${row.group}` as MessageKey)} · ${t(channel === 'email' ? 'notifPrefs.email' : 'notifPrefs.sms')}`}
            />
            {cell.alwaysForP1 && (
              <Tooltip title={t('notifPrefs.alwaysForP1')}>
                <Tag color="red" className="templates-tab-tag">
                  P1
                </Tag>
              </Tooltip>
            )}
          </span>
        );
      },
    })),
  ];

  const submit = () => {
    setError(null);
    save.mutate(
      { groups: switches, quietHours: quiet },
      {
        onSuccess: () => void message.success(t('notifPrefs.saved')),
        onError: setError,
      },
    );
  };

  return (
    <>
      <Typography.Paragraph type="secondary">{t('notifPrefs.intro')}</Typography.Paragraph>
      <Table<Row>
        className="preferences-matrix"
        size="small"
        pagination={false}
        rowKey="group"
        columns={columns}
        dataSource={prefs.groups}
      />
      <Typography.Title level={5}>{t('notifPrefs.quietHours')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('notifPrefs.quietHint', { timeZone: prefs.timeZone })}
      </Typography.Paragraph>
      <div className="preferences-quiet">
        <Checkbox
          id="quiet-enabled"
          checked={quiet !== null}
          onChange={(e) =>
            setQuiet(e.target.checked ? { start: '22:00', end: '08:00', weekends: false } : null)
          }
        >
          {t('notifPrefs.quietEnabled')}
        </Checkbox>
        {quiet && (
          <>
            <span>
              {t('notifPrefs.quietFrom')}{' '}
              <Select
                id="quiet-start"
                showSearch
                value={quiet.start}
                options={TIMES}
                onChange={(start) => setQuiet({ ...quiet, start })}
                className="preferences-time"
              />
            </span>
            <span>
              {t('notifPrefs.quietTo')}{' '}
              <Select
                id="quiet-end"
                showSearch
                value={quiet.end}
                options={TIMES}
                onChange={(end) => setQuiet({ ...quiet, end })}
                className="preferences-time"
              />
            </span>
            <Checkbox
              id="quiet-weekends"
              checked={quiet.weekends}
              onChange={(e) => setQuiet({ ...quiet, weekends: e.target.checked })}
            >
              {t('notifPrefs.quietWeekends')}
            </Checkbox>
          </>
        )}
      </div>
      {quiet && quiet.start > quiet.end && (
        <Typography.Paragraph type="secondary">{t('notifPrefs.quietOvernight')}</Typography.Paragraph>
      )}
      <ErrorAlert error={error} id="preferences-error" />
      <Button id="preferences-save" type="primary" onClick={submit} loading={save.isPending}>
        {t('notifPrefs.save')}
      </Button>
    </>
  );
}
