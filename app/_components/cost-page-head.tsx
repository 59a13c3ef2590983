import Link from 'next/link';
import type { ReactNode } from 'react';
import { periodLabels, type OverviewParams } from '../_lib/overview-params';
import { IdleToggle } from './idle-toggle';

/** The head of a page below the overview: the way back, the title, the idle toggle, notices and the window. */
export function CostPageHead({ title, params, query }: { title: ReactNode; params: OverviewParams; query: string }) {
  const { firstDay, lastDay } = periodLabels(params);
  return (
    <>
      <p><Link href={`/?${query}`}>← Overview</Link></p>
      <div className="section-head">
        <h1>{title}</h1>
        <IdleToggle idle={params.idle} query={query} />
      </div>
      {params.notice ? <p className="banner warning">{params.notice}</p> : null}
      <p className="muted">
        {firstDay} to {lastDay} (UTC){params.cluster ? `, cluster ${params.cluster}` : ', all clusters'}
      </p>
    </>
  );
}
