/**
 * "Send a test" for a channel: a button that sends one message now and shows what came of it,
 * in the reader's language, with the server's or provider's own words for support.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useState, type ReactNode } from 'react';
import { api } from '../../../web/api/client.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import type { ChannelTestInput, ChannelTestResult } from '../channel-test.api.ts';

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
        result.error &&
        t('notifications.test.problemWithMessage', {
          problem: t(`notifications.test.problem.${result.error.problem}`),
          message: result.error.message,
        })
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
