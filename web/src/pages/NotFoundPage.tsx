/**
 * Not found: an unknown page, or a workspace or object this account cannot see (the same answer
 * either way, so nothing leaks about what exists).
 */
import { Link } from '../router';
import { useTitle } from '../hooks';
import { useWorkspace } from '../session';

export function NotFoundPage({ what = 'page' }: { what?: string }) {
  const { base } = useWorkspace();
  useTitle('Not found');
  return (
    <div className="not-found">
      <h1>Not found</h1>
      <p>
        This {what} doesn't exist, or your account doesn't have access to it. Check the link, or pick a page from the menu.
      </p>
      <Link to={base} className="button">
        Go to the overview
      </Link>
    </div>
  );
}
