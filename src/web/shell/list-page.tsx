/**
 * The pieces every console list page is made of: filters kept in the URL (so a view can be
 * bookmarked, shared, and walked with back/forward), the filter bar with its search box and
 * refresh button, the table over keyset pages with its "load more" footer, and the customer select.
 */
import { ReloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Input,
  Select,
  Space,
  Spin,
  Table,
  Typography,
  type GetProps,
  type SelectProps,
  type TableProps,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { useOrganisation, useOrganisationSearch, type Organisation } from '../app/organisation-lookups.ts';
import { navigate, useLocation } from '../app/router.ts';
import { ErrorAlert } from './error-alert.tsx';
import { currentAnswer, isAwaiting, useRemoteSearch } from './remote-search.ts';

export type FilterChanges = Record<string, string | number | boolean | undefined>;

/**
 * Changes some of the page's URL filters: an empty, `undefined` or `false` value drops the key.
 * The URL is replaced (a filter change is not a step of its own in the history).
 */
export function useUrlFilters(path: string): (changes: FilterChanges) => void {
  const { search } = useLocation();
  return (changes) => {
    const params = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '' || value === false) params.delete(key);
      else params.set(key, String(value));
    }
    const query = params.toString();
    navigate(`${path}${query ? `?${query}` : ''}`, { replace: true });
  };
}

/** A URL parameter as an id: a whole number above zero, else `undefined` (never sent). */
export function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The card of a list's filters: one wrapping row. */
export function FilterBar({ className, children }: { className: string; children: ReactNode }) {
  return (
    <Card className={className} size="small">
      <Space wrap size={[12, 12]}>
        {children}
      </Space>
    </Card>
  );
}

type SearchProps = GetProps<typeof Input.Search>;

export interface SearchInputProps extends Omit<SearchProps, 'value' | 'onChange' | 'onSearch'> {
  /** The search the URL holds. */
  value: string | undefined;
  /** Called with the trimmed text, `undefined` when empty. */
  onSearch: (value: string | undefined) => void;
}

/**
 * A search box over a URL filter: typing is local, Enter (or the button, or clearing) applies it;
 * when the URL's value changes otherwise (a reset, back/forward) the box shows it.
 */
export function SearchInput({ value, onSearch, ...props }: SearchInputProps) {
  const [text, setText] = useState(value ?? '');
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value ?? '');
  }
  return (
    <Input.Search
      allowClear
      {...props}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onSearch={(next) => onSearch(next.trim() || undefined)}
    />
  );
}

interface Refetchable {
  refetch: () => unknown;
  isFetching: boolean;
  isFetchingNextPage?: boolean;
}

/** Reloads the list; spins while the list (not a further page) is fetched. */
export function RefreshButton({ label, query }: { label: string; query: Refetchable }) {
  return (
    <Button
      aria-label={label}
      icon={<ReloadOutlined />}
      onClick={() => void query.refetch()}
      loading={query.isFetching && !query.isFetchingNextPage}
    />
  );
}

/** A list read in keyset pages (`useInfiniteQuery` over `{ items }` pages). */
export interface KeysetQuery<T> {
  data: { pages: readonly { items: readonly T[] }[] } | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** The rows of every page read so far. */
export function keysetItems<T>(list: Pick<KeysetQuery<T>, 'data'>): T[] {
  return list.data?.pages.flatMap((page) => page.items) ?? [];
}

export interface LoadMoreFooterProps {
  list: Pick<KeysetQuery<unknown>, 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'>;
  /** Rows shown so far. */
  count: number;
  className: string;
  loadMore: string;
  /** "All N shown", once the last page is in. */
  endOfList: (count: number) => string;
  loadMoreId?: string;
}

/** Under a list: "load more" while there are further pages, then how many there are. */
export function LoadMoreFooter({
  list,
  count,
  className,
  loadMore,
  endOfList,
  loadMoreId,
}: LoadMoreFooterProps) {
  return (
    <div className={className}>
      {list.hasNextPage ? (
        <Button id={loadMoreId} onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {loadMore}
        </Button>
      ) : (
        count > 0 && <Typography.Text type="secondary">{endOfList(count)}</Typography.Text>
      )}
    </div>
  );
}

export type KeysetTableProps<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> &
  Omit<LoadMoreFooterProps, 'list' | 'count' | 'className'> & {
    list: KeysetQuery<T>;
    /** The class of the footer under the table. */
    moreClassName: string;
  };

/** The list's error, its table (rows keyed by `id` unless told) and the "load more" footer. */
export function KeysetTable<T extends object>({
  list,
  moreClassName,
  loadMore,
  endOfList,
  loadMoreId,
  ...tableProps
}: KeysetTableProps<T>) {
  const items = keysetItems(list);
  return (
    <>
      {list.isError && <ErrorAlert error={list.error} />}
      <Table<T>
        rowKey="id"
        size="middle"
        pagination={false}
        {...tableProps}
        dataSource={items}
        loading={list.isPending}
      />
      <LoadMoreFooter
        list={list}
        count={items.length}
        className={moreClassName}
        loadMore={loadMore}
        endOfList={endOfList}
        loadMoreId={loadMoreId}
      />
    </>
  );
}

export interface OrganisationSelectProps extends Omit<
  SelectProps<number>,
  'options' | 'showSearch' | 'filterOption' | 'notFoundContent'
> {
  /** An option's text (the name unless told). */
  optionLabel?: (organisation: Organisation) => string;
  /** What a search that finds nothing shows (a spinner while searching); Ant Design's default if unset. */
  notFound?: ReactNode;
  /** A customer the caller already knows (a record's own): named without reading it. */
  known?: { id: number; name: string };
}

/**
 * A customer picker searching the server as one types. The chosen customer keeps its name even
 * when it is not among the results (a bookmarked filter, a record's customer): it is read by id.
 */
export function OrganisationSelect({
  value,
  optionLabel = (o) => o.name,
  notFound,
  known,
  ...props
}: OrganisationSelectProps) {
  const search = useRemoteSearch();
  const found = useOrganisationSearch(search.query);
  const options = currentAnswer(search, found).map((o) => ({ value: o.id, label: optionLabel(o) }));
  const id = typeof value === 'number' ? value : undefined;
  const listed = id === undefined || options.some((o) => o.value === id);
  const knownOne = known && known.id === id ? { value: known.id, label: known.name } : undefined;
  const chosen = useOrganisation(listed || knownOne ? undefined : id);
  if (!listed && knownOne) options.unshift(knownOne);
  else if (!listed && chosen.data)
    options.unshift({ value: chosen.data.id, label: optionLabel(chosen.data) });
  return (
    <Select<number>
      {...props}
      value={value}
      showSearch={{ filterOption: false, onSearch: search.onSearch }}
      notFoundContent={isAwaiting(search, found) ? <Spin size="small" /> : notFound}
      options={options}
    />
  );
}
