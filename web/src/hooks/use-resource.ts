import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/** One async read's state: every page renders loading, error and data from this. */
export type Resource<T> =
  | { status: 'loading'; reload: () => void }
  | { status: 'error'; error: Error; reload: () => void }
  | { status: 'ready'; data: T; reload: () => void; refreshing: boolean };

/**
 * Runs `load` when `key` changes and on `reload()`. A late answer for an old key is dropped, so a
 * fast click through brands never shows one brand's numbers under another's name.
 */
export function useResource<T>(key: string, load: () => Promise<T>): Resource<T> {
  const [state, setState] = useState<
    | { status: 'loading' }
    | { status: 'error'; error: Error }
    | { status: 'ready'; data: T; refreshing: boolean }
  >({ status: 'loading' });
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const keyRef = useRef(key);

  useEffect(() => {
    let live = true;
    const sameKey = keyRef.current === key;
    keyRef.current = key;
    setState((s) => (s.status === 'ready' && sameKey ? { ...s, refreshing: true } : { status: 'loading' }));
    loadRef.current().then(
      (data) => live && setState({ status: 'ready', data, refreshing: false }),
      (error: unknown) =>
        live &&
        setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      live = false;
    };
    // `nonce` re-runs the same key on reload().
  }, [key, nonce]);

  return { ...state, reload } as Resource<T>;
}
