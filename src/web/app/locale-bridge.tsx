/**
 * Decides the UI language and feeds it to our i18n, antd and dayjs. Before login it is the choice kept
 * in localStorage; once logged in the user's own `locale` wins, and switching saves it to the account.
 * One bridge between the two: a language picked on the login page just before logging in is what
 * the user asked for, so the login saves it to the account (see useLoginMutation); a language merely
 * left in localStorage by an earlier user of this browser is not.
 */
import { App, ConfigProvider } from 'antd';
// The es/ builds: antd/locale/* are CommonJS and would drag antd's lib/ copy into the bundle.
import enUS from 'antd/es/locale/en_US';
import zhCNAntd from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useUpdateLocaleMutation } from '../../modules/identity/web/me.queries.ts';
import { useSessionQuery } from '../../modules/identity/web/session.queries.ts';
import { isApiError } from '../api/api-error.ts';
import { I18nProvider } from '../i18n/i18n-context.tsx';
import { readStoredLocale, writeStoredLocale } from '../i18n/locale-storage.ts';
import { translate, type Locale } from '../i18n/translate.ts';
import { APP_THEME } from './app-theme.ts';
import { reportError } from './error-reporter.ts';
import { setRequestLocale } from '../api/client.ts';

const ANTD_LOCALES = { 'zh-CN': zhCNAntd, en: enUS } as const;
const DAYJS_LOCALES = { 'zh-CN': 'zh-cn', en: 'en' } as const;

export function LocaleBridge({ children }: { children: ReactNode }) {
  const user = useSessionQuery().data?.user;
  const [storedLocale, setStoredLocale] = useState(readStoredLocale);
  const [chosenBeforeLogin, setChosenBeforeLogin] = useState(false);
  const { mutate: saveLocale } = useUpdateLocaleMutation();
  const locale: Locale = user?.locale ?? storedLocale;

  // Keep the browser's choice equal to the account's, so the login page after logout speaks the same language.
  useEffect(() => {
    if (!user) return;
    writeStoredLocale(user.locale);
    setStoredLocale(user.locale);
    setChosenBeforeLogin(false);
  }, [user]);

  const setLocale = useCallback(
    (next: Locale) => {
      writeStoredLocale(next);
      setStoredLocale(next);
      if (!user) setChosenBeforeLogin(true);
      if (user && user.locale !== next) {
        saveLocale(next, {
          onError: (error) => {
            // An ended session is already reported (and sends the user to login) by the query client.
            if (!isApiError(error, 'unauthenticated'))
              reportError(error, { contextKey: 'locale.saveFailed' });
          },
        });
      }
    },
    [user, saveLocale],
  );

  // dayjs keeps its locale in a global; set it during render so dates in this very render use it.
  if (dayjs.locale() !== DAYJS_LOCALES[locale]) dayjs.locale(DAYJS_LOCALES[locale]);
  setRequestLocale(locale);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(locale, 'app.title');
  }, [locale]);

  return (
    <I18nProvider locale={locale} chosenBeforeLogin={chosenBeforeLogin} onLocaleChange={setLocale}>
      <ConfigProvider
        locale={ANTD_LOCALES[locale]}
        theme={APP_THEME}
        // antd spaces out two-character Chinese labels ("登 录"); that changes the accessible name.
        button={{ autoInsertSpace: false }}
      >
        <App>{children}</App>
      </ConfigProvider>
    </I18nProvider>
  );
}
