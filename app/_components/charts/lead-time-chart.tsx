'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** How many succeeded deployments had a lead time in each bucket (plain numbers). */
export function LeadTimeChart({ bars }: { bars: { label: string; deployments: number }[] }) {
  return (
    <div className="chart" data-testid="lead-time-distribution" style={{ width: '100%', height: 260 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e7ec" />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} width={40} />
          <Tooltip />
          <Bar dataKey="deployments" name="deployments" fill="#19a979" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
