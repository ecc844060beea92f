// Loads data for a page: loading, error (plain message) and data, with a reload after commands.
import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { ApiError } from '../api/http';

export interface Remote<T> {
  data: T | undefined;
  error: string | undefined;
  /** The failure is a refusal (403/404): asking again gives the same answer. */
  refused: boolean;
  loading: boolean;
  reload(): void;
}

export function useRemote<T>(load: () => Promise<T>, deps: DependencyList): Remote<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [refused, setRefused] = useState(false);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    load().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(undefined);
        setRefused(false);
        setLoading(false);
      },
      (reason: unknown) => {
        if (!current) return;
        setError(reason instanceof Error ? reason.message : String(reason));
        setRefused(reason instanceof ApiError && (reason.status === 403 || reason.status === 404));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [...deps, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, refused, loading, reload };
}
