/**
 * The hotline finder: one box for whatever the caller gives first (a phone number, a name, the
 * customer, the serial on the box). Results come as the operator types (debounced); ↑/↓ move,
 * Enter or a click picks, Escape closes. Enter before the results are in (a fast typist, a
 * barcode scanner) searches at once and picks the best match when it arrives. A combobox with a
 * listbox, so screen readers follow.
 */
import { SearchOutlined } from '@ant-design/icons';
import { Input, Spin, Tag, Typography } from 'antd';
import { useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { INTAKE_MIN_QUERY, useIntakeLookup, type IntakeCandidate } from './intake.queries.ts';

const DEBOUNCE_MS = 250;
const LIST_ID = 'intake-search-results';

/** The text with the first case-insensitive occurrence of `part` in bold. */
function Highlight({ text, part }: { text: string; part: string }) {
  const at = part ? text.toLowerCase().indexOf(part.toLowerCase()) : -1;
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark className="intake-result__hit">{text.slice(at, at + part.length)}</mark>
      {text.slice(at + part.length)}
    </>
  );
}

const KIND_COLORS: Record<IntakeCandidate['kind'], string> = {
  serial: 'geekblue',
  phone: 'green',
  contact: 'cyan',
  organisation: 'default',
};

function CandidateLine({ candidate: c, query }: { candidate: IntakeCandidate; query: string }) {
  const t = useT();
  const org = c.organisation.code ? `${c.organisation.name}（${c.organisation.code}）` : c.organisation.name;
  const site = c.site ? [c.site.name, c.site.city].filter(Boolean).join(' · ') : null;
  let main: ReactNode;
  const details: ReactNode[] = [];
  if (c.asset) {
    main = <Highlight text={c.asset.serial} part={query} />;
    details.push(`${c.asset.vendor} ${c.asset.model}`, org);
  } else if (c.contact) {
    const phone = [c.contact.mobile, c.contact.phone].filter(Boolean).join(' / ');
    main = <Highlight text={c.contact.name} part={c.kind === 'contact' ? query : ''} />;
    if (phone) details.push(phone);
    details.push(org);
  } else {
    main = <Highlight text={org} part={c.kind === 'organisation' ? query : ''} />;
    if (c.kind === 'phone' && c.organisation.phone)
      details.push(t('intake.switchboard', { phone: c.organisation.phone }));
  }
  if (site) details.push(site);
  return (
    <>
      <span className="intake-result__head">
        <Tag color={KIND_COLORS[c.kind]}>{t(`intake.kind.${c.kind}`)}</Tag>
        <strong className="intake-result__main">{main}</strong>
        {c.quality === 'exact' && <Tag color="success">{t('intake.match.exact')}</Tag>}
        {c.asset?.state === 'retired' && <Tag>{t('intake.assetRetired')}</Tag>}
      </span>
      <span className="intake-result__details">{details.join(' · ')}</span>
    </>
  );
}

export function IntakeSearch({ onPick }: { onPick: (candidate: IntakeCandidate) => void }) {
  const t = useT();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // What was searched: the box's text once it has not changed for DEBOUNCE_MS (or on Enter).
  const [query, setQuery] = useState('');
  const [pickWhenReady, setPickWhenReady] = useState(false);
  const typed = text.trim();
  const lookup = useIntakeLookup(query);
  const items = query.length >= INTAKE_MIN_QUERY ? (lookup.data ?? []) : [];
  const showList = open && typed.length >= INTAKE_MIN_QUERY;
  /** The results on screen are those of the text in the box (not the previous query's). */
  const current = query === typed && lookup.isSuccess && !lookup.isPlaceholderData;

  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  // New results: the first one is the one Enter picks.
  useEffect(() => setActive(0), [lookup.data]);

  const pick = (candidate: IntakeCandidate) => {
    setOpen(false);
    setPickWhenReady(false);
    onPick(candidate);
  };

  // Enter came before the results: take the best match once they are in.
  useEffect(() => {
    if (!pickWhenReady || !current) return;
    setPickWhenReady(false);
    const first = lookup.data?.[0];
    if (first) {
      setOpen(false);
      onPick(first);
    }
  }, [pickWhenReady, current, lookup.data, onPick]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) return setOpen(true);
      if (items.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + items.length) % items.length);
    } else if (event.key === 'Enter') {
      // Never submits the form: Enter here means "this one".
      event.preventDefault();
      if (typed.length < INTAKE_MIN_QUERY) return;
      const chosen = items[active];
      if (current && chosen) return pick(chosen);
      if (!current) {
        // Search now, pick when the answer is in.
        setQuery(typed);
        setPickWhenReady(true);
        setOpen(true);
      }
    } else if (event.key === 'Escape' && open) {
      event.stopPropagation();
      setOpen(false);
    }
  };

  const settling = !current || lookup.isFetching;
  let body: ReactNode;
  if (lookup.isError) body = <ErrorAlert error={lookup.error} />;
  else if (items.length === 0)
    body = settling ? (
      <Spin size="small" />
    ) : (
      <Typography.Text type="secondary">{t('intake.search.none')}</Typography.Text>
    );

  return (
    <div className="intake-search">
      <label htmlFor="intake-search" className="intake-search__label">
        {t('intake.search.label')}
      </label>
      <Input
        id="intake-search"
        size="large"
        allowClear
        autoFocus
        autoComplete="off"
        spellCheck={false}
        prefix={<SearchOutlined />}
        suffix={showList && settling && items.length > 0 ? <Spin size="small" /> : undefined}
        placeholder={t('intake.search.placeholder')}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={LIST_ID}
        aria-activedescendant={showList && items[active] ? `intake-result-${active}` : undefined}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setPickWhenReady(false);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen(true)}
      />
      {showList && (
        <div className="intake-search__popup">
          {body && <div className="intake-search__status">{body}</div>}
          <ul
            id={LIST_ID}
            role="listbox"
            aria-label={t('intake.search.results')}
            className="intake-search__list"
          >
            {items.map((candidate, i) => (
              <li
                key={`${candidate.kind}:${candidate.organisation.id}:${candidate.contact?.id}:${candidate.asset?.id}`}
                id={`intake-result-${i}`}
                role="option"
                aria-selected={i === active}
                data-kind={candidate.kind}
                className={`intake-result${i === active ? ' intake-result--active' : ''}`}
                // Keep the focus in the box: the click picks, the blur must not close first.
                onMouseDown={(event) => event.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => pick(candidate)}
              >
                <CandidateLine candidate={candidate} query={query} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <Typography.Text type="secondary" className="intake-search__hint">
        {typed.length > 0 && typed.length < INTAKE_MIN_QUERY
          ? t('intake.search.tooShort')
          : t('intake.search.hint')}
      </Typography.Text>
    </div>
  );
}
