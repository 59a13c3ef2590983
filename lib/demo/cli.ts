/** `tally demo-cluster`: serve the simulated API server until SIGINT/SIGTERM. */
import { parseArgs } from 'node:util';
import { AppError } from '../util/errors';
import { startDemoCluster } from './server';

const USAGE = 'usage: tally demo-cluster [--port N] [--host ADDR] [--seed N] [--nodes N] [--pods N] [--fixture FILE]... [--cluster-name NAME] [--kubeconfig-dir DIR]';

export interface DemoCliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** Stops the server like SIGINT; tests use it instead of signals. */
  signal?: AbortSignal;
}

const defaultIo: DemoCliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new AppError('INVALID', `--${name} must be an integer ≥ ${min}, got "${value}"`);
  return n;
}

/** Runs the command; resolves with the exit code once the server has closed. */
export async function runDemoClusterCommand(argv: string[], io: DemoCliIo = defaultIo): Promise<number> {
  let options;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        nodes: { type: 'string' },
        pods: { type: 'string' },
        fixture: { type: 'string', multiple: true },
        'cluster-name': { type: 'string' },
        'kubeconfig-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    options = {
      port: integer('port', values.port, 0),
      host: values.host,
      seed: integer('seed', values.seed, 0),
      nodes: integer('nodes', values.nodes, 1),
      pods: integer('pods', values.pods, 1),
      fixtures: values.fixture,
      clusterName: values['cluster-name'],
      kubeconfigDir: values['kubeconfig-dir'],
    };
  } catch (error) {
    io.stderr(`tally demo-cluster: ${error instanceof Error ? error.message : String(error)}`);
    io.stderr(USAGE);
    return 2;
  }

  const cluster = await startDemoCluster(options);
  const what = cluster.org
    ? `seed ${cluster.org.seed}, ${cluster.org.nodes.length} nodes, ${cluster.org.workloads.length} workloads`
    : `fixtures: ${(options.fixtures ?? []).join(', ')}`;
  io.stdout(`demo cluster "${cluster.clusterName}" serving ${cluster.url} (${what})`);
  io.stdout(`kubeconfig: ${cluster.kubeconfigPath}`);
  io.stdout(`try: npx tally collect --once --kubeconfig ${cluster.kubeconfigPath}`);
  io.stdout('press Ctrl+C to stop');

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (io.signal?.aborted) stop();
    io.signal?.addEventListener('abort', stop, { once: true });
  });
  await cluster.close();
  io.stdout('demo cluster stopped');
  return 0;
}
