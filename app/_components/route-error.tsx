'use client';

/** What every route shows when its server work fails: the message and a retry. */
export default function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert">
      <h1>Something went wrong</h1>
      <p className="muted">{error.message}</p>
      <button onClick={reset}>Try again</button>
    </div>
  );
}
