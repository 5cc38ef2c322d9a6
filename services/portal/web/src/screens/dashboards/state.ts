import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/*
 * Every choice on a dashboard lives in the address (?view=map&code=PDO-1&basis=comparable ...), so a link opens
 * the same view for anyone who may see it, and the browser's back button undoes a choice.
 */

export type Params = Readonly<Record<string, string>>;

export function useUrlState<T extends Params>(defaults: T): [T, (change: Partial<T>) => void] {
  const [search, setSearch] = useSearchParams();
  const state = Object.fromEntries(
    Object.entries(defaults).map(([key, fallback]) => [key, search.get(key) ?? fallback]),
  ) as T;
  const update = useCallback(
    (change: Partial<T>) => {
      setSearch(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(change) as [string, string | undefined][]) {
            if (value === undefined || value === defaults[key]) next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: false },
      );
    },
    // A screen's defaults are constant.
    [setSearch],
  );
  return [state, update];
}
