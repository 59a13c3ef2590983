/** Placeholders with the shape of what streams in, so the page does not jump. */
export function CardsSkeleton() {
  return (
    <div className="cards" aria-hidden>
      {[0, 1, 2].map((i) => (
        <div key={i} className="card skeleton" style={{ height: 84 }} />
      ))}
    </div>
  );
}

export function TableSkeleton({ rows }: { rows: number }) {
  return (
    <div aria-busy aria-label="loading">
      {Array.from({ length: rows + 1 }, (_, i) => (
        <div key={i} className="skeleton" style={{ height: 37, marginBottom: 1 }} />
      ))}
    </div>
  );
}
