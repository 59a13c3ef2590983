'use client';

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDuration, formatRatio } from '@/app/_lib/delivery-format';

/** One UTC ISO week (its Monday as YYYY-MM-DD): plain numbers, null where there is nothing to measure. */
export interface WeekPoint {
  week: string;
  deployments: number;
  failedDeployments: number;
  changeFailureRate: number | null;
  leadTimeSecondsMedian: number | null;
}

const margin = { top: 8, right: 16, bottom: 0, left: 8 };
const weekTick = (w: string) => w.slice(5);

/** Three small weekly charts: deployments (failed ones apart), change failure rate, lead time median. */
export function DeliveryWeeklyCharts({ weeks }: { weeks: WeekPoint[] }) {
  const rows = weeks.map((w) => ({ ...w, succeeded: w.deployments - w.failedDeployments }));
  return (
    <div className="chart-grid">
      <figure className="chart" data-testid="weekly-deployments" style={{ height: 240 }}>
        <figcaption>Deployments per week</figcaption>
        <ResponsiveContainer width="100%" height="90%">
          <BarChart data={rows} margin={margin}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e7ec" />
            <XAxis dataKey="week" tickFormatter={weekTick} fontSize={12} />
            <YAxis allowDecimals={false} fontSize={12} width={40} />
            <Tooltip labelFormatter={(w) => `week of ${String(w)}`} />
            <Legend />
            <Bar dataKey="succeeded" name="not failed" stackId="d" fill="#2f6fde" isAnimationActive={false} />
            <Bar dataKey="failedDeployments" name="failed" stackId="d" fill="#d64545" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure className="chart" data-testid="weekly-change-failure-rate" style={{ height: 240 }}>
        <figcaption>Change failure rate per week</figcaption>
        <ResponsiveContainer width="100%" height="90%">
          <LineChart data={rows} margin={margin}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e7ec" />
            <XAxis dataKey="week" tickFormatter={weekTick} fontSize={12} />
            <YAxis domain={[0, 1]} tickFormatter={(v: number) => formatRatio(v)} fontSize={12} width={50} />
            <Tooltip labelFormatter={(w) => `week of ${String(w)}`} formatter={(v) => formatRatio(v === null || v === undefined ? null : Number(v))} />
            <Line dataKey="changeFailureRate" name="change failure rate" stroke="#d64545" dot={{ r: 4 }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure className="chart" data-testid="weekly-lead-time" style={{ height: 240 }}>
        <figcaption>Lead time, median per week</figcaption>
        <ResponsiveContainer width="100%" height="90%">
          <LineChart data={rows} margin={margin}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e7ec" />
            <XAxis dataKey="week" tickFormatter={weekTick} fontSize={12} />
            <YAxis tickFormatter={(v: number) => formatDuration(v)} fontSize={12} width={60} />
            <Tooltip labelFormatter={(w) => `week of ${String(w)}`} formatter={(v) => formatDuration(v === null || v === undefined ? null : Number(v))} />
            <Line dataKey="leadTimeSecondsMedian" name="lead time (median)" stroke="#19a979" dot={{ r: 4 }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
