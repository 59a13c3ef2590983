import { parseArgs } from 'node:util';
import { databaseOptionsFromEnv, openDatabase } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { collectOnce } from '../ingest/collect-once';
import { loadKubeConfig } from '../k8s/kubeconfig';
import { AppError } from '../util/errors';
import { limitHeapGrowth } from './heap';

/**
 * `tally collect --once [--kubeconfig F] [--context C] [--cluster NAME] [--json]`: one scrape
 * into the database. Exit 0 when stored (or already stored), 1 with a message otherwise.
 */
export async function runCollect(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      once: { type: 'boolean', default: false },
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
      cluster: { type: 'string' },
      json: { type: 'boolean', default: false },
      'page-size': { type: 'string' },
      'timeout-seconds': { type: 'string' },
    },
    strict: true,
  });
  if (!values.once) {
    throw new AppError('INVALID', 'pass --once for a single scrape (`tally start` collects on a schedule)');
  }
  limitHeapGrowth();
  const pageSize = positiveInt(values['page-size'], 'page-size', 500);
  const timeoutSeconds = positiveInt(values['timeout-seconds'], 'timeout-seconds', 30);
  const connection = loadKubeConfig({ kubeconfig: values.kubeconfig, context: values.context });
  const db = await openDatabase(databaseOptionsFromEnv());
  try {
    await db.session((s) => applyMigrations(s));
    const result = await collectOnce(db, connection, { cluster: values.cluster, pageSize, timeoutMs: timeoutSeconds * 1000 });
    for (const warning of result.summary.warnings) console.error(`warning: ${warning}`);
    if (values.json) {
      console.log(JSON.stringify(result.summary));
    } else {
      const s = result.summary;
      const what = result.stored ? 'stored' : 'already stored, nothing written for';
      console.log(
        `${what} ${s.cluster} at ${s.sampledAt}: ${s.nodes} nodes, ${s.pods} pods, ${s.containers} containers, ` +
          `${s.persistentVolumeClaims} PVCs in ${Math.round(result.durationMs)} ms`,
      );
    }
    return 0;
  } finally {
    await db.close();
  }
}

function positiveInt(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new AppError('INVALID', `--${name} must be a positive integer, got "${text}"`);
  return value;
}
