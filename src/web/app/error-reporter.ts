/**
 * A late-bound sink for errors raised outside any component (the query cache's global handlers).
 * <ErrorReporterBinding> points it at antd's message API once the translator exists.
 */
import type { MessageKey } from '../i18n/translate.ts';

export interface ReportOptions {
  /** A message with a `{message}` placeholder that says what failed, e.g. 'locale.saveFailed'. */
  contextKey?: MessageKey;
}

type Reporter = (error: unknown, options?: ReportOptions) => void;

let reporter: Reporter = (error) => console.error(error);

export function setErrorReporter(next: Reporter): void {
  reporter = next;
}

/** Shows `error` to the user as a toast in their language. */
export function reportError(error: unknown, options?: ReportOptions): void {
  reporter(error, options);
}
