import { useEffect } from 'preact/hooks';

/** Names the page in the tab and for screen readers, which announce the new title on navigation. */
export function useTitle(...parts: (string | undefined)[]): void {
  const title = [...parts.filter(Boolean), 'Pulsepoint'].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
