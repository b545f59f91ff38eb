/** What became of an alert, as a coloured tag in the user's language (labels from alert-rules.ts). */
import { Tag } from 'antd';
import type { Locale } from '../../../web/i18n/translate.ts';
import { ALERT_STATE_LABELS, type AlertState } from '../alert-rules.ts';

const COLORS: Record<AlertState, string> = {
  pending: 'processing',
  opened: 'blue',
  repeated: 'geekblue',
  resolved: 'green',
  recorded: 'default',
  unmatched: 'orange',
  assigned: 'cyan',
  dismissed: 'default',
};

export const alertStateLabel = (state: AlertState, locale: Locale) => ALERT_STATE_LABELS[state][locale];

export function AlertStateTag({ state, locale }: { state: AlertState; locale: Locale }) {
  return (
    <Tag className="alert-state" color={COLORS[state]}>
      {alertStateLabel(state, locale)}
    </Tag>
  );
}
