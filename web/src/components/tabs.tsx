import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

/** WAI-ARIA tabs: arrow keys move between tabs, Home/End jump, the panel is labelled by its tab. */
export function Tabs(props: {
  label: string;
  tabs: readonly { id: string; label: string }[];
  selected: string;
  onSelect: (id: string) => void;
  children: ComponentChildren;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const index = Math.max(
    0,
    props.tabs.findIndex((t) => t.id === props.selected),
  );
  const move = (to: number) => {
    const n = props.tabs.length;
    const next = props.tabs[(to + n) % n];
    if (!next) return;
    props.onSelect(next.id);
    refs.current[(to + n) % n]?.focus();
  };
  return (
    <div class="tabs">
      <div role="tablist" aria-label={props.label}>
        {props.tabs.map((t, i) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={i === index}
            aria-controls={`panel-${t.id}`}
            tabIndex={i === index ? 0 : -1}
            ref={(el) => {
              refs.current[i] = el;
            }}
            onClick={() => props.onSelect(t.id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') move(i + 1);
              else if (e.key === 'ArrowLeft') move(i - 1);
              else if (e.key === 'Home') move(0);
              else if (e.key === 'End') move(props.tabs.length - 1);
              else return;
              e.preventDefault();
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`panel-${props.tabs[index]?.id}`}
        aria-labelledby={`tab-${props.tabs[index]?.id}`}
      >
        {props.children}
      </div>
    </div>
  );
}
