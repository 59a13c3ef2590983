/**
 * A team's cost per day as a small inline SVG line (server-rendered, so it prints and needs no
 * script): `values` in order, scaled to the largest; the last day marked.
 */
export function Sparkline({ values, label }: { values: readonly number[]; label: string }) {
  const width = 96;
  const height = 24;
  if (values.length === 0) return null;
  const max = Math.max(...values, 0);
  const x = (i: number) => (values.length === 1 ? width / 2 : (i / (values.length - 1)) * (width - 4) + 2);
  const y = (v: number) => (max > 0 ? height - 2 - (v / max) * (height - 4) : height - 2);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid="sparkline" data-days={values.length}>
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
      <circle cx={x(values.length - 1)} cy={y(values.at(-1)!)} r="2" fill="currentColor" />
    </svg>
  );
}

/** Budget use as a bar: the share spent (capped at the bar's end), coloured by status. */
export function BudgetBar({ usedRatio, status }: { usedRatio: number | null; status: string }) {
  if (usedRatio === null) return null;
  return (
    <span className="budget-bar" data-status={status} data-testid="budget-bar" aria-hidden="true">
      <span style={{ width: `${Math.min(1, Math.max(0, usedRatio)) * 100}%` }} />
    </span>
  );
}
