/**
 * The list-page idiom: filters and paging live in the address bar (so a list can be bookmarked, shared and
 * reloaded as it was). `query` holds page, pageSize and every present filter of `keys`; `set` changes some of them
 * (an empty value removes the filter) and goes back to page 1 unless the page itself is set; `reset` clears all.
 */
import { useSearchParams } from 'react-router';

export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const filters: Partial<Record<K, string>> = {};
  for (const k of keys) {
    const v = params.get(k);
    if (v) filters[k] = v;
  }
  const query = { page, pageSize, ...filters };
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  const reset = () => setParams(new URLSearchParams(), { replace: true });
  return { params, page, pageSize, query, set, reset };
}

/** The filters (not the page) of the address bar as a query string: an export asks for what the list shows. */
export function filterQuery(params: URLSearchParams, keys: readonly string[]): string {
  const q = new URLSearchParams();
  for (const key of keys) {
    const value = params.get(key);
    if (value) q.set(key, value);
  }
  return q.toString();
}
