import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import next from 'next';
import { databaseOptionsFromEnv, openDatabase } from '../db/client';
import { setDatabase } from '../db/instance';
import { applyMigrations } from '../db/migrate';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `tally start`: migrate, then serve the dashboard in this process, so that the web server and
 * everything else share one database (PGlite can only be opened by one process).
 */
export async function runStart(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' } }, strict: true });
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  const options = databaseOptionsFromEnv();
  const db = await openDatabase(options);
  const migrated = await db.session((s) => applyMigrations(s));
  console.log(
    `database: ${db.kind === 'pglite' ? `embedded PGlite in ${options.dataDir ?? './.tally'}` : 'Postgres (DATABASE_URL)'}` +
      (migrated.applied.length ? `, applied ${migrated.applied.length} migration(s)` : ', up to date'),
  );
  setDatabase(db);

  if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    console.log('building the dashboard (first start only)…');
    const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (build.status !== 0) throw new Error('next build failed');
  }
  const app = next({ dev: false, dir: ROOT, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(port, resolve));
  console.log(`Tally is running on http://localhost:${port}`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.log('stopping…');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.close();
  return 0;
}
