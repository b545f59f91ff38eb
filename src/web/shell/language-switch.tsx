/** The 中文 / English switch on the login page and in the header. */
import { Segmented } from 'antd';
import { useLocale, useT } from '../i18n/i18n-context.tsx';
import { isLocale, SUPPORTED_LOCALES, type Locale } from '../i18n/translate.ts';

export function LanguageSwitch({ className }: { className?: string }) {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <Segmented<Locale>
      id="language-switch"
      className={className}
      size="small"
      aria-label={t('locale.label')}
      value={locale}
      onChange={(value) => isLocale(value) && setLocale(value)}
      // Each language is named in itself, so a reader finds theirs whatever the current language is.
      options={SUPPORTED_LOCALES.map((value) => ({
        value,
        label: <span lang={value}>{t(`locale.${value}`)}</span>,
      }))}
    />
  );
}
