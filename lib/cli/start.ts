import { parseArgs } from 'node:util';
import { databaseOptionsFromEnv, openDatabase, type Database } from '../db/client';
import { setDatabase } from '../db/instance';
import { applyMigrations } from '../db/migrate';
import { clusterConfigured } from '../k8s/kubeconfig';
import { Scheduler } from '../scheduler/scheduler';
import { pruneRawSamples } from '../ingest/prune';
import { recordJobRun } from '../observability/metrics';
import { buildJobs, schedulerSettingsFromEnv } from '../../jobs';
import { ConfigStore, configPathFromEnv } from '../config';
import { DEMO_CONFIG, setConfigSource } from '../settings/current';
import { demoFinanceConfig } from '../settings/demo-finance';
import { priceBookOf } from '../settings/pricing';
import { clustersFromKubeconfig } from './clusters';
import { DEMO_CLUSTER, startDemo, type RunningDemo } from './start-demo';
import { hostFromEnv, startWeb } from './web';

/**
 * `tally start`: migrate, serve the dashboard, and run the scheduler, all in this process so
 * they share one database (PGlite belongs to one process). Without a configured cluster (or
 * with --demo) it starts the simulated cluster and backfills 30 days of its history first.
 */
export async function runStart(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, demo: { type: 'boolean', default: false }, kubeconfig: { type: 'string' }, context: { type: 'string' } },
    strict: true,
  });
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  const useDemo = values.demo || !clusterConfigured({ kubeconfig: values.kubeconfig });
  // An invalid tally.yaml refuses the start (ConfigStore throws with the line and reason);
  // later edits are reloaded, and a broken edit is refused while the last good config stays.
  const configPath = configPathFromEnv();
  const config = new ConfigStore(configPath, { onError: (e) => console.error(`tally.yaml refused, keeping the last good config: ${e.message}`) });
  if (configPath) {
    config.watch();
    console.log(`config: ${configPath}`);
  }
  setConfigSource(configPath || !useDemo ? config : { current: () => DEMO_CONFIG });
  priceBookOf(config.current()); // a broken price sheet refuses the start too (file:line: problem)
  const dbOptions = databaseOptionsFromEnv();
  const db = await openDatabase(dbOptions);
  const migrated = await db.session((s) => applyMigrations(s));
  console.log(
    `database: ${db.kind === 'pglite' ? `embedded PGlite in ${dbOptions.dataDir ?? './.tally'}` : 'Postgres (DATABASE_URL)'}` +
      (migrated.applied.length ? `, applied ${migrated.applied.length} migration(s)` : ', up to date'),
  );
  setDatabase(db);

  const settings = schedulerSettingsFromEnv(process.env, config.current());
  const web = await startWeb(port, hostFromEnv());
  console.log(`dashboard: ${web.url}`);

  let demo: RunningDemo | null = null;
  let scheduler: Scheduler | null = null;
  let stopping = false;
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      if (stopping) return;
      stopping = true;
      console.log('\nstopping…');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

  const run = async () => {
    if (useDemo) {
      console.log(values.demo ? 'starting the built-in demo cluster (--demo)' : 'no cluster configured: starting the built-in demo cluster');
      demo = await startDemo(db, { shouldStop: () => stopping, days: Number(process.env.TALLY_DEMO_DAYS || 30) });
      if (stopping) return;
      // The replay stored raw samples for the whole month; keep only the retention, like the prune job.
      await pruneRawSamples(db, new Date(Date.now() - settings.retentionDays * 86_400_000));
      if (!configPath) {
        // Budgets (one team over, one at risk) and an invoice 4% above last month's model, so the monthly report has something to show.
        const finance = await demoFinanceConfig(db, DEMO_CONFIG, DEMO_CLUSTER, new Date());
        setConfigSource({ current: () => finance });
        console.log(`demo finance: budgets for ${Object.keys(finance.budgets).length} teams${finance.invoices.length ? `, an invoice for ${finance.invoices[0]!.month}` : ''} (see /reports/monthly)`);
      }
    }
    const clusters = demo ? [demo.target] : clustersFromKubeconfig({ kubeconfig: values.kubeconfig, context: values.context });
    scheduler = new Scheduler({ db, jobs: buildJobs(settings), clusters, onRun: recordJobRun });
    scheduler.start();
    console.log(`collecting ${clusters.map((c) => c.name).join(', ')} (${settings.collectSchedule}, UTC)`);
  };
  let failed = false;
  const running = run().catch((error: unknown) => {
    failed = true;
    console.error(`tally start: ${error instanceof Error ? error.message : String(error)}`);
    process.kill(process.pid, 'SIGTERM');
  });

  await stopped;
  await running;
  await closeAll(db, web, scheduler, demo);
  config.close();
  // A start that could not begin collecting exits non-zero (a supervisor restarts it, CI sees it).
  return failed ? 1 : 0;
}

async function closeAll(db: Database, web: { close(): Promise<void> }, scheduler: Scheduler | null, demo: RunningDemo | null) {
  await scheduler?.stop();
  await web.close();
  await demo?.close();
  await db.close();
}
