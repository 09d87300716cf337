import { useState } from 'preact/hooks';
import { z } from 'zod';
import { describeError } from '../components/states';
import { useServices } from '../context';

/**
 * A card's actions on its item (`POST {base}/{id}/{action}`): busy while one runs, the error in
 * words when it fails, `onDone` (reload the list) when it succeeds. The list is reloaded, so the
 * answer's body is not needed here. Resolves true on success, so the card can close its form.
 */
export function useItemAction(base: string, id: string, onDone: () => void) {
  const { api } = useServices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function run(action: string, body: unknown = {}): Promise<boolean> {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`${base}/${encodeURIComponent(id)}/${action}`, body, z.unknown());
      onDone();
      return true;
    } catch (err) {
      setError(describeError(err));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
