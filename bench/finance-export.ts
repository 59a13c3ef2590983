// One FOCUS export for bench/finance.ts, in its own process: GET /api/v1/export (the route handler,
// its stream read to the end and counted) with the clock pinned and the demo's config. Usage:
// finance-export.ts <databaseUrl> <nowIso> <month> <daily|hourly>. Run with --expose-gc: the heap
// is measured after a full GC before the export and sampled every 20 ms (and every 500 rows)
// during it. Prints one line `RESULT <json>` on stdout.
import { GET } from '../app/api/v1/export/route';
import { openDatabase } from '../lib/db/client';
import { setDatabase } from '../lib/db/instance';
import { DEMO_CONFIG, setConfigSource } from '../lib/settings/current';
import { setClock } from '../lib/util/clock';

export interface ExportRun {
  ms: number;
  rows: number;
  bytes: number;
  /** MB: RSS and heap used (after a GC) before the request, their peaks during it (sampled), the heap after it and a GC. */
  rssBeforeMb: number;
  rssPeakMb: number;
  /** The process's peak RSS (getrusage), start-up included. */
  maxRssMb: number;
  heapBeforeMb: number;
  heapPeakMb: number;
  heapAfterMb: number;
}

const [databaseUrl, nowIso, month, granularity] = process.argv.slice(2);
const now = new Date(nowIso!);
const db = await openDatabase({ databaseUrl });
setDatabase(db);
setConfigSource({ current: () => DEMO_CONFIG });
setClock(() => now);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const MB = 1024 * 1024;

gc();
const before = process.memoryUsage();
let rssPeak = before.rss;
let heapPeak = before.heapUsed;
const sample = () => {
  const m = process.memoryUsage();
  rssPeak = Math.max(rssPeak, m.rss);
  heapPeak = Math.max(heapPeak, m.heapUsed);
};
const timer = setInterval(sample, 20);
const t0 = performance.now();
const response = await GET(new Request(`http://localhost/api/v1/export?month=${month}&format=focus&granularity=${granularity}`));
if (!response.ok || !response.body) throw new Error(`export: ${response.status} ${await response.text()}`);
const reader = response.body.getReader();
let bytes = 0;
let lines = 0;
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  bytes += value.length;
  for (let i = value.indexOf(10); i >= 0; i = value.indexOf(10, i + 1)) if (++lines % 500 === 0) sample();
}
const ms = performance.now() - t0;
clearInterval(timer);
sample();
gc();
const after = process.memoryUsage();
const result: ExportRun = {
  ms, rows: lines - 1, bytes,
  rssBeforeMb: before.rss / MB, rssPeakMb: rssPeak / MB, maxRssMb: process.resourceUsage().maxRSS / 1024,
  heapBeforeMb: before.heapUsed / MB, heapPeakMb: heapPeak / MB, heapAfterMb: after.heapUsed / MB,
};
console.log(`RESULT ${JSON.stringify(result)}`);
await db.close();
