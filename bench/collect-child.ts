// One `collect --once` through the same code the CLI runs (its heap setting too), reporting its time and peak RSS.
import { limitHeapGrowth } from '../lib/cli/heap';
import { openDatabase } from '../lib/db/client';
import { collectOnce } from '../lib/ingest/collect-once';
import { loadKubeConfig } from '../lib/k8s/kubeconfig';

limitHeapGrowth();
const [kubeconfig, databaseUrl, cluster] = process.argv.slice(2);
const started = performance.now();
const db = await openDatabase({ databaseUrl });
const result = await collectOnce(db, loadKubeConfig({ kubeconfig }), { cluster, pageSize: 500 });
await db.close();
const workMs = performance.now() - started;
console.log(JSON.stringify({ workMs, maxRssMb: process.resourceUsage().maxRSS / 1024, summary: result.summary, rows: result.rowsWritten }));
