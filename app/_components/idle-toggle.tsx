import Link from 'next/link';

export type IdleMode = 'separate' | 'share';

/** The query string with `key` set to `value` (or removed), for links that keep the other filters. */
export function withParam(query: string, key: string, value: string | null): string {
  const params = new URLSearchParams(query);
  if (value === null) params.delete(key);
  else params.set(key, value);
  return params.toString();
}

/** Idle as its own line or shared over the teams: `idle=shared` in the URL, the same on every page. */
export function IdleToggle({ idle, query }: { idle: IdleMode; query: string }) {
  const href = (value: string | null) => `?${withParam(query, 'idle', value)}`;
  return (
    <nav className="toggle" aria-label="idle cost">
      Idle:{' '}
      <Link href={href(null)} aria-current={idle === 'separate' ? 'true' : undefined}>its own line</Link>
      <Link href={href('shared')} aria-current={idle === 'share' ? 'true' : undefined}>shared over teams</Link>
    </nav>
  );
}
