/**
 * Tally's simulated Kubernetes API server. The unchanged @kubernetes/client-node reads it
 * through the kubeconfig it writes, exactly as it reads a real cluster.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { type Server, createServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MINUTE_MS } from './calendar';
import { type DemoClock, realClock } from './clock';
import { DemoFaults, type FaultInjector } from './faults';
import { FixtureSource, loadFixtureFiles } from './fixtures';
import { GeneratedSource } from './generated-source';
import { ApiHandler, type DemoStats, type RequestRecord } from './handler';
import { writeKubeconfig } from './kubeconfig';
import type { OrgPlan } from './model';
import { generateOrg } from './org';
import { RESOURCES, type ObjectSource, resourceId } from './store';
import { createDemoTls } from './tls';

export { type DemoClock, type SimulatedClock, fixedClock, realClock } from './clock';
export type { FaultInjector, FaultSpec, FaultStatus } from './faults';
export type { DemoStats, RequestRecord } from './handler';

export interface DemoClusterOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  seed?: number;
  /** Default 18. */
  nodes?: number;
  /** Approximate pod count; default ≈220 for 18 nodes. */
  pods?: number;
  /** Serve the objects in these JSON files instead of the generated organisation. */
  fixtures?: string[];
  /** Default realClock(). A fixedClock lets the caller replay history. */
  clock?: DemoClock;
  /** The kubeconfig's cluster and context name (default `tally-demo`). */
  clusterName?: string;
  /** Where to write the kubeconfig; default a fresh temporary directory, removed on close. */
  kubeconfigDir?: string;
  /** Bearer token; default random. */
  token?: string;
  /** Continue tokens older than this (simulated time) get 410 Expired; default 5 minutes. */
  continueTtlMs?: number;
  /** Watches may start this far back (simulated time); older resourceVersions get 410; default 5 minutes. */
  watchHistoryMs?: number;
  /** Real ms between watch polls of the organisation (default 100) and between BOOKMARKs (default 10,000). */
  watchPollMs?: number;
  bookmarkIntervalMs?: number;
}

export interface DemoCluster {
  /** `https://127.0.0.1:<port>` */
  url: string;
  /** PEM of the cluster's own CA (also in the kubeconfig as `certificate-authority-data`). */
  caPem: string;
  kubeconfigPath: string;
  clusterName: string;
  token: string;
  clock: DemoClock;
  faults: FaultInjector;
  /** The generated organisation; null in fixture mode. */
  org: OrgPlan | null;
  stats(): DemoStats;
  /** The most recent requests (up to 10,000), oldest first. */
  requestLog(): readonly RequestRecord[];
  close(): Promise<void>;
}

export async function startDemoCluster(opts: DemoClusterOptions = {}): Promise<DemoCluster> {
  const clock = opts.clock ?? realClock();
  const clusterName = opts.clusterName ?? 'tally-demo';
  const token = opts.token ?? `tally-demo.${randomBytes(16).toString('hex')}`;
  const host = opts.host ?? '127.0.0.1';
  let source: ObjectSource;
  let org: OrgPlan | null = null;
  if (opts.fixtures && opts.fixtures.length > 0) {
    source = new FixtureSource(loadFixtureFiles(opts.fixtures).objects);
  } else {
    org = generateOrg({ seed: opts.seed, nodes: opts.nodes, pods: opts.pods, startMs: clock.now().getTime() });
    source = new GeneratedSource(org);
    // Render everything once now, so the first client request does not pay for it.
    const nowMs = clock.now().getTime();
    for (const r of RESOURCES) source.snapshot(resourceId(r), nowMs);
  }
  const faults = new DemoFaults(clock);
  const handlerOptions = {
    source,
    clock,
    faults,
    token,
    serverAddress: '',
    continueTtlMs: opts.continueTtlMs ?? 5 * MINUTE_MS,
    watch: { historyMs: opts.watchHistoryMs ?? 5 * MINUTE_MS, pollMs: opts.watchPollMs ?? 100, bookmarkMs: opts.bookmarkIntervalMs ?? 10_000 },
  };
  const handler = new ApiHandler(handlerOptions);
  const tls = await createDemoTls([host]);
  const server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => handler.handle(req, res));
  // Idle connections stay open longer than clients keep them (undici 4 s, client-go 90 s), so
  // a client reusing one never races the server closing it.
  server.keepAliveTimeout = 95_000;
  // Every TCP socket, also one still in its TLS handshake (closeAllConnections knows only HTTP ones):
  // close() destroys them all, or a client's half-open connection would keep the server open.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const port = await listen(server, opts.port ?? 0, host);
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `https://${urlHost}:${port}`;
  handlerOptions.serverAddress = `${urlHost}:${port}`;

  const ownDir = opts.kubeconfigDir === undefined;
  const dir = opts.kubeconfigDir ?? (await mkdtemp(join(tmpdir(), 'tally-demo-')));
  const kubeconfigPath = await writeKubeconfig(dir, { server: url, clusterName, token, caPem: tls.caPem });

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      if (ownDir) await rm(dir, { recursive: true, force: true });
    })();
    return closing;
  };
  return { url, caPem: tls.caPem, kubeconfigPath, clusterName, token, clock, faults, org, stats: () => handler.stats(), requestLog: () => handler.requestLog(), close };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
