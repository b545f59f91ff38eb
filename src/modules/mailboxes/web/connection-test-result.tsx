/** What a connection test or a poll found, in the reader's language: ok (server, folder counts) or the problem. */
import { Alert } from 'antd';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import type { Translate } from '../../../web/i18n/translate.ts';
import type { MailboxProblem } from '../mailboxes.api.ts';
import type { ConnectionTest } from './mailboxes.queries.ts';

/** A problem in words, with the server's own message for support. */
export const problemText = (error: { problem: MailboxProblem; message: string }, t: Translate) =>
  t('mailboxes.problemWithMessage', {
    problem: t(`mailboxes.problem.${error.problem}`),
    message: error.message,
  });

export function ConnectionTestResult({ result, id }: { result: ConnectionTest; id?: string }) {
  const t = useT();
  if (!result.ok || result.error)
    return (
      <Alert
        id={id}
        type="error"
        showIcon
        title={t('mailboxes.test.failed')}
        description={result.error ? problemText(result.error, t) : undefined}
      />
    );
  const server = result.server
    ? [result.server.name, result.server.vendor, result.server.version].filter(Boolean).join(' ')
    : '';
  return (
    <Alert
      id={id}
      type="success"
      showIcon
      title={t('mailboxes.test.ok')}
      description={[
        server && t('mailboxes.test.server', { server }),
        result.folder &&
          t('mailboxes.test.folder', {
            folder: result.folder.path,
            messages: result.folder.messages,
            unseen: result.folder.unseen,
          }),
      ]
        .filter(Boolean)
        .join(' · ')}
    />
  );
}
