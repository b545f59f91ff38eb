/** What shows while the app or a page loads, and when the server cannot be reached at boot. */
import { Button, Result, Spin } from 'antd';
import { describeError } from '../api/error-message.ts';
import { useT } from '../i18n/i18n-context.tsx';

/** A centred spinner; full-screen before the shell exists, inside the content area after. */
export function PageLoading({ fullScreen = false }: { fullScreen?: boolean }) {
  const t = useT();
  return (
    <div className={fullScreen ? 'page-loading page-loading--full' : 'page-loading'} role="status">
      {/* The delay avoids a spinner flash on fast networks. */}
      <Spin delay={200} description={t('app.loading')}>
        <div className="page-loading__spacer" />
      </Spin>
    </div>
  );
}

export function BootError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useT();
  const { message, reference } = describeError(error, t);
  return (
    <div className="page-loading page-loading--full">
      <Result
        status="warning"
        title={t('app.bootFailed')}
        subTitle={reference ? `${message} ${reference}` : message}
        extra={
          <Button type="primary" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        }
      />
    </div>
  );
}
