import { Link } from '../components/link';
import { ROUTES } from '../routes';

export function NotFoundPage() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        <Link href={ROUTES.home}>Go to your brands</Link>
      </p>
    </section>
  );
}
