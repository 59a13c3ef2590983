import Link from 'next/link';

export default function TeamNotFound() {
  return (
    <div data-testid="not-found">
      <h1>No such team</h1>
      <p className="muted">No cost Tally has recorded carries this team, and tally.yaml maps no namespace to it.</p>
      <p><Link href="/">← Overview</Link>: every team with cost in the window is listed there.</p>
    </div>
  );
}
