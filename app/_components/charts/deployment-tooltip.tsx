'use client';

import type { TooltipContentProps } from 'recharts';
import { formatImpact, formatUsdPerHour } from '@/app/_lib/delivery-format';

/** One deployment shipped on a day, as its marker's tooltip shows it (plain values). */
export interface MarkerDeployment {
  workload: string;
  revision: number;
  status: string;
  failureReason: string | null;
  images: string[];
  costPerHourBeforeUsd: number | null;
  costPerHourAfterUsd: number | null;
  /** after ÷ before − 1 (lib/delivery costImpact), null when unknown. */
  costImpact: number | null;
}

/** A day with deployments: what shipped and how many of them failed. */
export interface MarkerDay {
  day: string;
  failed: number;
  deployments: MarkerDeployment[];
}

/** At most this many deployments listed per day; the rest as "+ n more". */
const LISTED = 6;

/** "cost +30.0% ($2.00/h → $2.60/h, +$0.60/h)", or why it is not known. */
export function costImpactText(d: Pick<MarkerDeployment, 'costPerHourBeforeUsd' | 'costPerHourAfterUsd' | 'costImpact'>, currency: string): string {
  const before = d.costPerHourBeforeUsd;
  const after = d.costPerHourAfterUsd;
  if (before === null || after === null) return 'cost impact not known (no cost recorded on both sides of it)';
  const delta = after - before;
  const perHour = (usd: number) => formatUsdPerHour(usd, currency);
  return `cost ${formatImpact(d.costImpact)} (${perHour(before)} → ${perHour(after)}, ${delta < 0 ? '−' : '+'}${perHour(Math.abs(delta))})`;
}

/** The daily cost chart's tooltip: the day's cost per series, then what shipped that day and its cost impact. */
export function CostTooltip({ active, payload, label, money, currency, markers }: Pick<TooltipContentProps, 'active' | 'payload' | 'label'> & {
  money: (usd: number) => string;
  currency: string;
  markers: ReadonlyMap<string, MarkerDay>;
}) {
  if (!active || !payload?.length) return null;
  const day = String(label);
  const shipped = markers.get(day);
  return (
    <div className="chart-tooltip" data-testid="cost-tooltip">
      <strong>{day}</strong>
      {payload.map((p) => (
        <div key={String(p.dataKey)} style={{ color: p.color }}>{p.name}: {money(Number(p.value))}</div>
      ))}
      {shipped ? (
        <div data-testid="shipped">
          <div className="muted">
            Shipped: {shipped.deployments.length} deployment{shipped.deployments.length === 1 ? '' : 's'}
            {shipped.failed ? `, ${shipped.failed} failed` : ''}
          </div>
          <ul>
            {shipped.deployments.slice(0, LISTED).map((d) => (
              <li key={`${d.workload}#${d.revision}`} data-testid="shipped-deployment">
                <strong>{d.workload}</strong> rev {d.revision} · {d.status}{d.failureReason ? ` (${d.failureReason})` : ''}
                <div className="muted">{d.images.join(', ') || 'no images recorded'}</div>
                <div>{costImpactText(d, currency)}</div>
              </li>
            ))}
          </ul>
          {shipped.deployments.length > LISTED ? <div className="muted">+ {shipped.deployments.length - LISTED} more</div> : null}
        </div>
      ) : null}
    </div>
  );
}
