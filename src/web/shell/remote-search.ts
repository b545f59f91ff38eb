/**
 * The search text of a select that asks the server as one types (a part, a case, a customer).
 *
 * Such a select must never list an answer to an earlier text: while the next answer is on its way
 * the list would be replaced under the pointer, and an option clicked in that moment is lost or a
 * neighbour taken instead. So the list holds only the answer to what is typed now, and is empty
 * (a spinner) from the keystroke until that answer arrives; the server is asked once typing
 * pauses. The chosen option keeps its label meanwhile (Ant Design's Select remembers it).
 */
import { useCallback, useEffect, useState } from 'react';

/** The part of a TanStack query result this needs (`placeholderData: keepPreviousData` expected). */
export interface SearchAnswer<T> {
  data?: T[];
  isPlaceholderData: boolean;
  isFetching: boolean;
}

export interface RemoteSearch {
  /** What to send: the typed text once typing has paused. */
  query: string;
  /** The text as typed, for hints such as "type three characters". */
  text: string;
  /** For `showSearch={{ filterOption: false, onSearch }}`. */
  onSearch: (text: string) => void;
}

const PAUSE_MS = 250;

export function useRemoteSearch(initial = ''): RemoteSearch {
  const [text, setText] = useState(initial);
  const [query, setQuery] = useState(initial);
  useEffect(() => {
    if (text === query) return;
    const timer = setTimeout(() => setQuery(text), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, query]);
  const onSearch = useCallback((next: string) => setText(next), []);
  return { query, text, onSearch };
}

/** The items to list now: the answer to the typed text, or none while it is awaited. */
export function currentAnswer<T>(search: RemoteSearch, answer: SearchAnswer<T>): T[] {
  return isAwaiting(search, answer) ? [] : (answer.data ?? []);
}

/** True from a keystroke until the answer to it is in: the select shows a spinner. */
export function isAwaiting(search: RemoteSearch, answer: SearchAnswer<unknown>): boolean {
  return search.text !== search.query || answer.isPlaceholderData || (answer.isFetching && !answer.data);
}

/** The items listed, with the chosen one (a record's own, a bookmarked filter) added when the answer lacks it. */
export function withChosen<T extends { id: number }>(
  listed: T[],
  ...chosen: Array<T | null | undefined>
): T[] {
  const extra = chosen.filter((c): c is T => !!c && !listed.some((l) => l.id === c.id));
  return extra.length ? [...listed, ...extra] : listed;
}
