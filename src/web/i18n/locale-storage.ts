/** The language chosen before login, kept in localStorage (storage can be blocked: never throw). */
import { DEFAULT_LOCALE, isLocale, type Locale } from './translate.ts';

const STORAGE_KEY = 'tacdesk.locale';

/** The stored choice, or zh-CN: the product's audience reads Chinese first, whatever the browser says. */
export function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function writeStoredLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private browsing or a storage quota: the choice just lasts for this page.
  }
}
