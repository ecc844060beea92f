// Loads data for a page: loading, error (plain message) and data, with a reload after commands.
//
// What was loaded is kept together with what it was loaded for (the deps, e.g. the id in the
// address): when the deps change, the previous answer is never returned as the new one's — the
// page shows loading, then the new data or the new error. Only a reload of the same deps (after a
// command) keeps showing the current data while it loads. Lists that page may opt to keep the
// previous rows on screen while the next page loads (`keepPrevious`), never after a failure.
import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { ApiError } from '../api/http';

export interface Remote<T> {
  data: T | undefined;
  error: string | undefined;
  /** The failure is a refusal (403/404): asking again gives the same answer. */
  refused: boolean;
  /** The API's HTTP status of the failure (403 无权查看, 404 不存在, 0 no connection …). */
  status: number | undefined;
  /** The API's stable error code of the failure (e.g. MEASURE_NOT_VISIBLE). */
  code: string | undefined;
  loading: boolean;
  reload(): void;
}

export interface RemoteOptions {
  /** While other deps load, go on showing the data of the previous ones (a table's next page). */
  keepPrevious?: boolean;
}

interface Answer<T> {
  key: string;
  data?: T;
  error?: string;
  status?: number;
  code?: string;
}

/** The identity of what is asked for: deps are ids, years, pages and filters (primitives). */
export function depsKey(deps: DependencyList): string {
  return JSON.stringify(deps.map((d) => (d === undefined ? null : typeof d === 'function' || typeof d === 'symbol' ? String(d) : d)));
}

export function useRemote<T>(load: () => Promise<T>, deps: DependencyList, options: RemoteOptions = {}): Remote<T> {
  const key = depsKey(deps);
  const [answer, setAnswer] = useState<Answer<T>>();
  const [pending, setPending] = useState(true);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    setPending(true);
    load().then(
      (value) => {
        if (!current) return;
        setAnswer({ key, data: value });
        setPending(false);
      },
      (reason: unknown) => {
        if (!current) return;
        // A reload of the same deps that fails keeps what they showed (a command's page stays put).
        setAnswer((previous) => ({
          key,
          data: previous?.key === key ? previous.data : undefined,
          error: reason instanceof Error ? reason.message : String(reason),
          status: reason instanceof ApiError ? reason.status : undefined,
          code: reason instanceof ApiError ? reason.code : undefined,
        }));
        setPending(false);
      },
    );
    return () => {
      current = false;
    };
  }, [key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const own = answer?.key === key ? answer : undefined;
  // The answer of other deps: never this one's error, and its data only while this one loads.
  const data = own ? own.data : options.keepPrevious && answer?.error === undefined ? answer?.data : undefined;
  const status = own?.status;
  return {
    data,
    error: own?.error,
    refused: status === 403 || status === 404,
    status,
    code: own?.code,
    loading: pending || !own,
    reload,
  };
}
