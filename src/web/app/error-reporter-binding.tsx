/** Connects the global error reporter to antd's contextual message API and the current language. */
import { App } from 'antd';
import { useEffect } from 'react';
import { describeError } from '../api/error-message.ts';
import { useT } from '../i18n/i18n-context.tsx';
import { setErrorReporter } from './error-reporter.ts';

export function ErrorReporterBinding() {
  const { message } = App.useApp();
  const t = useT();
  useEffect(() => {
    setErrorReporter((error, options) => {
      const { message: text, reference } = describeError(error, t);
      const line = options?.contextKey ? t(options.contextKey, { message: text }) : text;
      void message.error(reference ? `${line} ${reference}` : line);
    });
  }, [message, t]);
  return null;
}
