'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** One pool's UTC day (YYYY-MM-DD): utilisation ratios 0..1+ and mean nodes, plain numbers. */
export interface PoolDayPoint {
  day: string;
  nodes: number;
  cpuRequest: number;
  memoryRequest: number;
  cpuUsage: number;
  memoryUsage: number;
}

const percent = (v: number) => `${Math.round(v * 100)}%`;

/** A pool's request and usage utilisation (CPU, memory) per day, with its mean node count in the tooltip. */
export function PoolUtilizationChart({ pool, days }: { pool: string; days: PoolDayPoint[] }) {
  return (
    <figure className="chart" data-testid="pool-utilization-chart" data-pool={pool} style={{ height: 220 }}>
      <figcaption>{pool}: utilisation per day</figcaption>
      <ResponsiveContainer width="100%" height="88%">
        <LineChart data={days} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e7ec" />
          <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} fontSize={12} />
          <YAxis domain={[0, 1]} allowDataOverflow={false} tickFormatter={percent} fontSize={12} width={44} />
          <Tooltip formatter={(v, name) => (name === 'nodes' ? Number(v).toFixed(1) : percent(Number(v)))} />
          <Legend />
          <Line dataKey="cpuRequest" name="CPU requested" stroke="#2f6fde" dot={false} isAnimationActive={false} />
          <Line dataKey="memoryRequest" name="memory requested" stroke="#9b59b6" dot={false} isAnimationActive={false} />
          <Line dataKey="cpuUsage" name="CPU used" stroke="#2f6fde" strokeDasharray="4 3" dot={false} isAnimationActive={false} />
          <Line dataKey="memoryUsage" name="memory used" stroke="#9b59b6" strokeDasharray="4 3" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
