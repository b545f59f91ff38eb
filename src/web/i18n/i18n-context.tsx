/** React side of i18n: the current locale, a way to change it, and `useT()` for components. */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { translate, type Locale, type Translate } from './translate.ts';

interface I18nValue {
  locale: Locale;
  /** True when the user picked `locale` with the switch on this visit, before logging in. */
  chosenBeforeLogin: boolean;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

interface I18nProviderProps {
  locale: Locale;
  chosenBeforeLogin?: boolean;
  /** Where the choice is kept is the app's business (localStorage before login, the user record after). */
  onLocaleChange: (locale: Locale) => void;
  children: ReactNode;
}

/** Provides the locale chosen by the app shell to every component below it. */
export function I18nProvider({
  locale,
  chosenBeforeLogin = false,
  onLocaleChange,
  children,
}: I18nProviderProps) {
  const value = useMemo<I18nValue>(
    () => ({
      locale,
      chosenBeforeLogin,
      setLocale: onLocaleChange,
      t: (key, vars) => translate(locale, key, vars),
    }),
    [locale, chosenBeforeLogin, onLocaleChange],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT/useLocale must be used inside <I18nProvider>');
  return value;
}

/** The translate function for the current locale: `t('login.title')`, `t('home.greeting', { name })`. */
export function useT(): Translate {
  return useI18n().t;
}

/** The current locale, whether the user just picked it on the login page, and the switch's setter. */
export function useLocale(): Pick<I18nValue, 'locale' | 'chosenBeforeLogin' | 'setLocale'> {
  const { locale, chosenBeforeLogin, setLocale } = useI18n();
  return { locale, chosenBeforeLogin, setLocale };
}
