'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';

/** Cluster and date-range selectors; every choice lives in the URL. */
export function Filters({ clusters, cluster, from, to }: { clusters: string[]; cluster: string; from: string; to: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const update = (key: string, value: string) => {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    router.push(`${pathname}?${next.toString()}`);
  };
  return (
    <form className="filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        Cluster{' '}
        <select value={cluster} onChange={(e) => update('cluster', e.target.value)}>
          <option value="">All clusters</option>
          {clusters.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        From <input type="date" value={from} onChange={(e) => update('from', e.target.value)} />
      </label>
      <label>
        To <input type="date" value={to} onChange={(e) => update('to', e.target.value)} />
      </label>
    </form>
  );
}
