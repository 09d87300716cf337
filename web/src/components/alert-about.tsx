import { alertSubject } from '../../../shared/domain/alerts/subject';
import type { Alert } from '../../../shared/domain/entities';
import { Link } from './link';

/** What an alert is about, by name, linked to its page (shared/domain/alerts/subject.ts). */
export function AlertAbout(props: { alert: Alert }) {
  const subject = alertSubject(props.alert);
  return (
    <p class="alert-about small" data-alert-link={subject.path}>
      About: <Link href={subject.path}>{subject.name}</Link>
    </p>
  );
}
