/**
 * Live screens: one EventSource on `/api/live` per signed-in tab. A `change` event names what
 * changed, never its content; the cached queries it touches are invalidated, so react-query refetches
 * what the user may read (a customer's stream carries only its organisation's public events, see
 * live.policy.ts). Bursts fold into one refetch per FOLD_MS; after a reconnect everything
 * case-shaped is refetched, as events may have been missed meanwhile.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

interface LiveChange {
  id: number;
  type: string;
  subjectType: string;
  subjectId: string;
}

const FOLD_MS = 250;

/** The query keys a change makes stale. */
function staleKeys(change: LiveChange): unknown[][] {
  if (change.subjectType === 'case')
    return [['cases', 'list'], ['cases', 'detail', Number(change.subjectId)], ['dashboard']];
  return [['cases'], ['dashboard']];
}

export function useLiveUpdates(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/live');
    const pending = new Map<string, unknown[]>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let interrupted = false;
    const flush = () => {
      timer = undefined;
      for (const queryKey of pending.values()) void queryClient.invalidateQueries({ queryKey });
      pending.clear();
    };
    const queue = (keys: unknown[][]) => {
      for (const key of keys) pending.set(JSON.stringify(key), key);
      timer ??= setTimeout(flush, FOLD_MS);
    };
    source.addEventListener('change', (message) => {
      queue(staleKeys(JSON.parse((message as MessageEvent<string>).data) as LiveChange));
    });
    source.onopen = () => {
      if (interrupted) queue([['cases'], ['dashboard']]);
      interrupted = false;
    };
    source.onerror = () => {
      interrupted = true;
    };
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [enabled, queryClient]);
}
