/**
 * Picks the case a mail answers: type its number (or words of its title) and press Enter, then
 * choose among the cases found. A search box over a list rather than a remote-search select, so a
 * choice can never be lost to a list that re-renders under the pointer.
 */
import { Input, Radio, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { useCaseSearch } from './mail-intake.queries.ts';

export function CasePicker({
  value,
  onChange,
  initialQuery = '',
}: {
  value?: number;
  onChange?: (caseId: number) => void;
  initialQuery?: string;
}) {
  const t = useT();
  const [text, setText] = useState(initialQuery);
  const [query, setQuery] = useState(initialQuery);
  const found = useCaseSearch(query);
  return (
    <div className="mail-case-picker">
      <Input.Search
        id="mail-accept-case-search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(q) => setQuery(q.trim())}
        placeholder={t('mail.accept.casePlaceholder')}
        maxLength={100}
        enterButton
      />
      {query.length > 0 && query.length < 3 && (
        <Typography.Text type="secondary">{t('mail.accept.caseTypeMore')}</Typography.Text>
      )}
      {found.isFetching && <Spin size="small" />}
      {found.data && found.data.length === 0 && !found.isFetching && (
        <Typography.Text type="secondary">{t('mail.accept.noCase')}</Typography.Text>
      )}
      {found.data && found.data.length > 0 && (
        <Radio.Group
          id="mail-accept-case"
          className="mail-case-options"
          value={value}
          onChange={(e) => onChange?.(e.target.value as number)}
          options={found.data.map((c) => ({
            value: c.id,
            label: `${c.number} · ${c.title} · ${c.organisation.name}`,
          }))}
        />
      )}
    </div>
  );
}
