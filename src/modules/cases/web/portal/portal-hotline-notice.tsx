/** The P1/P2 "phone the hotline as well" notice, on the new-case form and on an urgent open case. */
import { PhoneFilled } from '@ant-design/icons';
import { Alert } from 'antd';
import { useInstallationSettings } from '../../../../web/app/installation-settings.ts';
import { useT } from '../../../../web/i18n/i18n-context.tsx';

/**
 * P1/P2 must also be reported by phone (seed 004): the web case alone does not wake the duty
 * engineer at 3 a.m. The number is the installation's hotline setting; without one, the advice stays.
 */
export function HotlineNotice({ caseNumber }: { caseNumber?: string }) {
  const t = useT();
  const settings = useInstallationSettings();
  const hotline = settings.data?.hotlineNumber;
  return (
    <Alert
      id="hotline-notice"
      className="portal-hotline"
      type="error"
      showIcon
      icon={<PhoneFilled />}
      title={t('portal.hotline.title')}
      description={
        <>
          <div>
            {caseNumber
              ? t('portal.hotline.withNumber', { number: caseNumber })
              : t('portal.hotline.beforeSubmit')}
          </div>
          {hotline ? (
            <a
              className="portal-hotline__number"
              id="hotline-number"
              href={`tel:${hotline.replace(/[^\d+]/g, '')}`}
            >
              {hotline}
            </a>
          ) : (
            <strong>{t('portal.hotline.noNumber')}</strong>
          )}
        </>
      }
    />
  );
}
