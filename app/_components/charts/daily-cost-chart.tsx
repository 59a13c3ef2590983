'use client';

import { formatUsd } from '@/lib/format';
import { Area, AreaChart, CartesianGrid, Legend, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CostTooltip, type MarkerDay } from './deployment-tooltip';

const COLORS = ['#2f6fde', '#e8743b', '#19a979', '#945ecf', '#ed4a7b', '#13a4b4', '#525df4', '#bf399e', '#6c8893', '#ee6868'];
const IDLE_COLOR = '#c3c9d1';

export interface DailyCostChartProps {
  /** One row per day: `day` (YYYY-MM-DD) and a USD amount per series. */
  rows: Record<string, number | string>[];
  series: string[];
  idleSeries: string;
  currency: string;
  /** Days with deployments: a marker on top of that day's cost, what shipped in the tooltip. */
  markers?: MarkerDay[];
}

/** Daily cost stacked by team, idle on top in grey; deployment markers when given. */
export function DailyCostChart({ rows, series, idleSeries, currency, markers }: DailyCostChartProps) {
  const money = (v: number) => formatUsd(v, currency);
  const stackTop = (day: string) => {
    const row = rows.find((r) => r.day === day);
    return row ? series.reduce((sum, name) => sum + (Number(row[name]) || 0), 0) : null;
  };
  const byDay = new Map((markers ?? []).map((m) => [m.day, m]));
  return (
    <div className="chart" style={{ width: '100%', height: 320 }}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e7ec" />
          <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} fontSize={12} />
          <YAxis tickFormatter={(v: number) => money(v)} fontSize={12} width={70} />
          {markers ? (
            <Tooltip content={(p) => <CostTooltip active={p.active} payload={p.payload} label={p.label} money={money} currency={currency} markers={byDay} />} wrapperStyle={{ zIndex: 10 }} />
          ) : (
            <Tooltip formatter={(v) => money(Number(v))} />
          )}
          {/* The stack's order (largest team at the bottom, idle on top), not alphabetical. */}
          <Legend itemSorter={(item) => series.indexOf(String(item.dataKey))} />
          {series.map((name, i) => (
            <Area
              key={name}
              type="monotone"
              dataKey={name}
              name={name === idleSeries ? 'idle' : name}
              stackId="cost"
              stroke={name === idleSeries ? IDLE_COLOR : COLORS[i % COLORS.length]}
              fill={name === idleSeries ? IDLE_COLOR : COLORS[i % COLORS.length]}
              fillOpacity={0.75}
              isAnimationActive={false}
            />
          ))}
          {(markers ?? []).map((m) => {
            const y = stackTop(m.day);
            if (y === null) return null;
            return (
              <ReferenceDot
                key={m.day}
                x={m.day}
                y={y}
                r={7}
                ifOverflow="extendDomain"
                shape={(p) => (
                  <circle
                    cx={p.cx}
                    cy={p.cy}
                    r={7}
                    className="deployment-marker"
                    data-testid="deployment-marker"
                    data-day={m.day}
                    fill={m.failed > 0 ? '#d64545' : '#fff'}
                    stroke="#1f2933"
                    strokeWidth={2}
                  >
                    <title>{`${m.deployments.length} deployment${m.deployments.length === 1 ? '' : 's'} on ${m.day}`}</title>
                  </circle>
                )}
              />
            );
          })}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
