/** How received mail reads on the quarantine screens: sender, state tag, reason in the reader's language. */
import { Tag, Typography } from 'antd';
import type { Locale, Translate } from '../../../web/i18n/translate.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { MAIL_REASONS, type InboundMailState } from '../mail-intake-rules.ts';
import type { InboundMailSummary } from './mail-intake.queries.ts';

const STATE_COLORS: Record<InboundMailState, string> = {
  opened: 'blue',
  replied: 'geekblue',
  quarantined: 'orange',
  accepted: 'green',
  rejected: 'red',
  ignored: 'default',
};

type Address = { address: string; name: string | null };

/** `名字 <address>`, or the address alone. */
export const addressText = (a: Address) => (a.name ? `${a.name} <${a.address}>` : a.address);

export const senderText = (from: Address | null, t: Translate) =>
  from ? addressText(from) : t('mail.noSender');

export function MailStateTag({ state }: { state: InboundMailState }) {
  const t = useT();
  return (
    <Tag className="mail-state" color={STATE_COLORS[state]}>
      {t(`mail.state.${state}`)}
    </Tag>
  );
}

/**
 * The reason code's label and, in smaller type, the details: an operator's own words always; the
 * server's (English, technical: which header, which limit) under the label in English, and on
 * hover in Chinese, where they would only repeat the label in another language.
 */
export function MailReason({
  mail,
  locale,
}: {
  mail: Pick<InboundMailSummary, 'reasonCode' | 'reason'>;
  locale: Locale;
}) {
  if (!mail.reasonCode && !mail.reason) return <Typography.Text type="secondary">—</Typography.Text>;
  const shown = !mail.reasonCode || mail.reasonCode === 'operator' || locale === 'en';
  return (
    <div className="mail-reason" title={shown ? undefined : (mail.reason ?? undefined)}>
      {mail.reasonCode && <div>{MAIL_REASONS[mail.reasonCode][locale]}</div>}
      {shown && mail.reason && (
        <Typography.Text type="secondary" className="mail-small">
          {mail.reason}
        </Typography.Text>
      )}
    </div>
  );
}
