/** Serves the generated organisation: snapshots per resource and instant, cached by state. */
import { DAY_MS } from './calendar';
import { eventEntriesAt } from './event-objects';
import { HPA_SYNC_MS, buildHpa, planHpas } from './hpa-objects';
import { MetricsCache } from './metrics';
import type { OrgPlan } from './model';
import { type Entry, LazyEntry, type ObjectSource, type Snapshot, sortEntries } from './store';
import type { Volume } from './storage-objects';
import { AddedNodesUnit, BurstNodesUnit, IDS, NodeUnit, type Rendered, StaticUnit, type Unit, WorkloadUnit } from './units';

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

/**
 * Snapshots of resources derived from the whole organisation at an instant (events, HPAs):
 * computed at `ms` rounded down to `stepMs`, the last two kept.
 */
class SteppedCache {
  private kept: Array<{ atMs: number; snapshots: Map<string, Snapshot> }> = [];

  constructor(
    private readonly stepMs: number,
    private readonly build: (atMs: number) => Map<string, Snapshot>,
  ) {}

  snapshot(resourceId: string, ms: number): Snapshot | null {
    const atMs = Math.floor(ms / this.stepMs) * this.stepMs;
    let hit = this.kept.find((k) => k.atMs === atMs);
    if (!hit) {
      hit = { atMs, snapshots: this.build(atMs) };
      this.kept.unshift(hit);
      if (this.kept.length > 2) this.kept.pop();
    }
    return hit.snapshots.get(resourceId) ?? null;
  }
}

export class GeneratedSource implements ObjectSource {
  private readonly byResource = new Map<string, CachedUnit[]>();
  private readonly snapshots = new Map<string, CachedSnapshot[]>();
  private readonly metrics: MetricsCache;
  private readonly derived = new Map<string, SteppedCache>();

  constructor(readonly plan: OrgPlan) {
    const units: Unit[] = [
      new StaticUnit(plan.seed, plan.namespaces, orphanVolumes(plan)),
      ...plan.nodes.map((node) => new NodeUnit(plan.seed, node)),
      ...plan.workloads.filter((w) => w.scenario === 'unschedulable').map((w) => new AddedNodesUnit(plan.seed, w)),
      ...plan.workloads.filter((w) => w.burst !== null).map((w) => new BurstNodesUnit(plan.seed, w)),
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
    // Events to the second (their timestamps' precision); HPAs at each controller sync.
    const events = new SteppedCache(1000, (atMs) => {
      const { core, v1 } = eventEntriesAt(plan, atMs);
      return new Map([[IDS.events, { entries: core }], [IDS.eventsV1, { entries: v1 }]]);
    });
    const hpas = planHpas(plan);
    const hpaCache = new SteppedCache(HPA_SYNC_MS, (atMs) => {
      const entries = hpas.filter((h) => h.createdMs <= atMs).map((h) => new LazyEntry(h.workload.namespace, h.workload.name, atMs, null, {}, () => buildHpa(plan.seed, h, atMs)));
      return new Map([[IDS.hpas, { entries: sortEntries(entries) }]]);
    });
    this.derived.set(IDS.events, events).set(IDS.eventsV1, events).set(IDS.hpas, hpaCache);
  }

  snapshot(resourceId: string, ms: number): Snapshot | null {
    if (resourceId === IDS.nodeMetrics || resourceId === IDS.podMetrics) return this.metrics.snapshot(resourceId, ms);
    const derived = this.derived.get(resourceId);
    if (derived) return derived.snapshot(resourceId, ms);
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
