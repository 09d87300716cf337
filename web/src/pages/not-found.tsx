import { Link } from '../components/link';
import { useTitle } from '../hooks/use-title';
import { ROUTES } from '../routes';

export function NotFoundPage() {
  useTitle('Page not found');
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        <Link href={ROUTES.home}>Go to your brands</Link>
      </p>
    </section>
  );
}
