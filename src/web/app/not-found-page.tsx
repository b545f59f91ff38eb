/** Shown inside the shell for an in-app path that matches no page. */
import { Button, Result } from 'antd';
import { useT } from '../i18n/i18n-context.tsx';
import { navigate } from './router.ts';

export function NotFoundPage() {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.detail')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('notFound.back')}
        </Button>
      }
    />
  );
}
