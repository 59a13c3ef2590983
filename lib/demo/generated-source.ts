/** Serves the generated organisation: snapshots per resource and instant, cached by state. */
import { DAY_MS } from './calendar';
import { MetricsCache } from './metrics';
import type { OrgPlan } from './model';
import { type Entry, type ObjectSource, type Snapshot, sortEntries } from './store';
import type { Volume } from './storage-objects';
import { IDS, NodeUnit, type Rendered, StaticUnit, type Unit, WorkloadUnit } from './units';

interface CachedSnapshot {
  changes: Float64Array;
  snapshot: Snapshot;
}

/** Snapshots kept per resource: the current one plus a few for continue tokens and watches. */
const SNAPSHOTS_KEPT = 4;
/** Rendered states kept per unit. */
const RENDERS_KEPT = 3;

class CachedUnit {
  private renders: Array<{ change: number; rendered: Rendered }> = [];

  constructor(readonly unit: Unit) {}

  entries(resourceId: string, ms: number, change: number): readonly Entry[] {
    let hit = this.renders.find((r) => r.change === change);
    if (!hit) {
      hit = { change, rendered: this.unit.render(ms) };
      this.renders.unshift(hit);
      if (this.renders.length > RENDERS_KEPT) this.renders.pop();
    }
    return hit.rendered.get(resourceId) ?? [];
  }
}

/** Storage no pod mounts: an idle claim, and a volume its deleted claim left behind. */
function orphanVolumes(plan: OrgPlan): Volume[] {
  const created = (plan.namespaces.find((ns) => ns.name === 'data-pipelines')?.createdMs ?? 0) + 30 * DAY_MS;
  const has = (name: string) => plan.namespaces.some((ns) => ns.name === name);
  const volumes: Volume[] = [];
  if (has('data-pipelines')) {
    volumes.push({ namespace: 'data-pipelines', claim: 'scratch-backfill', sizeBytes: 50 * 1024 ** 3, createdMs: created, zone: 'us-east-1b', node: null, labels: { app: 'backfill' } });
  }
  if (has('search')) {
    volumes.push({ namespace: 'search', claim: 'data-elasticsearch-legacy-0', sizeBytes: 100 * 1024 ** 3, createdMs: created - 20 * DAY_MS, zone: 'us-east-1a', node: null, labels: {}, released: true });
  }
  return volumes;
}

export class GeneratedSource implements ObjectSource {
  private readonly byResource = new Map<string, CachedUnit[]>();
  private readonly snapshots = new Map<string, CachedSnapshot[]>();
  private readonly metrics: MetricsCache;

  constructor(readonly plan: OrgPlan) {
    const units: Unit[] = [
      new StaticUnit(plan.seed, plan.namespaces, orphanVolumes(plan)),
      ...plan.nodes.map((node) => new NodeUnit(plan.seed, node)),
      ...plan.workloads.map((w) => new WorkloadUnit(plan.seed, w, plan.nodes.length)),
    ];
    for (const unit of units) {
      const cached = new CachedUnit(unit);
      for (const id of unit.resources) {
        const list = this.byResource.get(id) ?? [];
        list.push(cached);
        this.byResource.set(id, list);
      }
    }
    this.metrics = new MetricsCache(plan, (ms) => this.snapshot(IDS.pods, ms)?.entries ?? []);
  }

  snapshot(resourceId: string, ms: number): Snapshot | null {
    if (resourceId === IDS.nodeMetrics || resourceId === IDS.podMetrics) return this.metrics.snapshot(resourceId, ms);
    const units = this.byResource.get(resourceId);
    if (!units) return null;
    const changes = new Float64Array(units.length);
    for (let i = 0; i < units.length; i++) changes[i] = units[i]?.unit.changeAt(ms) ?? 0;
    const cache = this.snapshots.get(resourceId) ?? [];
    const hit = cache.find((c) => sameChanges(c.changes, changes));
    if (hit) return hit.snapshot;
    const entries: Entry[] = [];
    units.forEach((u, i) => entries.push(...u.entries(resourceId, ms, changes[i] ?? 0)));
    const snapshot = { entries: sortEntries(entries) };
    cache.unshift({ changes, snapshot });
    if (cache.length > SNAPSHOTS_KEPT) cache.pop();
    this.snapshots.set(resourceId, cache);
    return snapshot;
  }
}

function sameChanges(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
