'use client';

import { Bar, BarChart, Cell, Tooltip, XAxis, YAxis } from 'recharts';

/** A container's CPU in millicores: p95 and max usage against today's and the recommended request (plain numbers; null = unknown). */
export function UsagePercentileChart({ p95Millicores, maxMillicores, currentRequestMillicores, recommendedRequestMillicores }: {
  p95Millicores: number | null;
  maxMillicores: number | null;
  currentRequestMillicores: number | null;
  recommendedRequestMillicores: number | null;
}) {
  const bars = [
    { label: 'p95 used', millicores: p95Millicores ?? 0, fill: '#19a979' },
    { label: 'max used', millicores: maxMillicores ?? 0, fill: '#8bd3b5' },
    { label: 'request', millicores: currentRequestMillicores ?? 0, fill: '#9aa5b1' },
    { label: 'recommended', millicores: recommendedRequestMillicores ?? 0, fill: '#2f6fdb' },
  ];
  return (
    <div className="chart" data-testid="usage-percentile-chart">
      <BarChart width={260} height={92} data={bars} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 0 }}>
        <XAxis type="number" hide />
        <YAxis type="category" dataKey="label" width={84} fontSize={11} />
        <Tooltip formatter={(v) => `${String(v)} m`} />
        <Bar dataKey="millicores" isAnimationActive={false}>
          {bars.map((b) => <Cell key={b.label} fill={b.fill} />)}
        </Bar>
      </BarChart>
    </div>
  );
}
