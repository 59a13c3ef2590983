import Link from 'next/link';

export default function NotFound() {
  return (
    <div data-testid="not-found">
      <h1>Page not found</h1>
      <p className="muted">Nothing is served at this address.</p>
      <p><Link href="/">← Overview</Link></p>
    </div>
  );
}
