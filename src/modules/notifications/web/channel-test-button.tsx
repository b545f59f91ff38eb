/**
 * "Send a test" for a channel: a button that sends one message now and shows what came of it:
 * the problem in the reader's language, the server's or provider's own words below it in
 * smaller type, for support.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { api } from '../../../web/api/client.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import type { ChannelTestInput, ChannelTestResult } from '../channel-test.api.ts';
import { problemWording } from './channel-problem.ts';

/** Sends a test message; the result stays until the next one. */
export function useChannelTest() {
  return useMutation({
    mutationFn: (body: ChannelTestInput) =>
      api.post<ChannelTestResult>('/api/notification-channels/test', body),
    meta: { handlesErrors: true },
  });
}

export function ChannelTestResultAlert({ result, id }: { result: ChannelTestResult; id: string }) {
  const t = useT();
  if (result.ok)
    return (
      <Alert id={id} type="success" showIcon title={t('notifications.test.ok', { to: result.to ?? '' })} />
    );
  return (
    <Alert
      id={id}
      type="error"
      showIcon
      title={t('notifications.test.failed')}
      description={
        result.error && (
          <>
            <div className="channel-test__problem">{problemWording(t, 'test', result.error)}</div>
            <Typography.Text type="secondary" className="channel-test__detail">
              {result.error.message}
            </Typography.Text>
          </>
        )
      }
    />
  );
}

/** A button that sends `body()` (null: nothing to send yet) and shows the answer below it. */
export function ChannelTestButton({
  id,
  body,
  label,
  disabledReason,
  onError,
}: {
  id: string;
  body: () => ChannelTestInput | null;
  label?: ReactNode;
  /** Why a test cannot be sent now (e.g. not saved yet). */
  disabledReason?: string | undefined;
  /** A field error (400) the caller places on its form; true when placed. */
  onError?: (error: unknown) => boolean;
}) {
  const t = useT();
  const test = useChannelTest();
  const [error, setError] = useState<unknown>(null);
  const send = () => {
    const input = body();
    setError(null);
    if (input) test.mutate(input, { onError: (e) => void (onError?.(e) || setError(e)) });
  };
  return (
    <div className="channel-test">
      <Button
        id={id}
        onClick={send}
        loading={test.isPending}
        disabled={disabledReason !== undefined}
        title={disabledReason}
      >
        {label ?? t('notifications.test.send')}
      </Button>
      {test.data && <ChannelTestResultAlert id={`${id}-result`} result={test.data} />}
      <ErrorAlert error={error} id={`${id}-error`} />
    </div>
  );
}
