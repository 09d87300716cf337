import type { ComponentChildren } from 'preact';

/**
 * What an action on a form came to, said where it happened: a failure is an alert (read out at
 * once, `form-error`), anything else a polite status. Nothing shows without a message, and a
 * failure wins over a done message. `inline` sits beside the form's buttons; otherwise it is a
 * line of its own, a done message boxed as a notice.
 */
export function FormStatus(props: { done?: ComponentChildren; error?: ComponentChildren; inline?: boolean }) {
  const Tag = props.inline ? 'span' : 'p';
  if (props.error)
    return (
      <Tag class="form-error" role="alert">
        {props.error}
      </Tag>
    );
  if (props.done)
    return (
      <Tag class={props.inline ? 'muted' : 'notice'} role="status">
        {props.done}
      </Tag>
    );
  return null;
}
