/**
 * A deterministic scheduler: DaemonSets first (one pod per eligible node), then the largest,
 * most constrained pods, first-fit from a rotating cursor so replicas spread over nodes.
 * Never exceeds a node's allocatable CPU, memory, GPUs or pod count, and puts no two pods of a
 * workload with required hostname anti-affinity on one node.
 */
import { type WorkloadPlan, podRequests } from './model';
import type { NodePlan } from './pools';

interface NodeRoom {
  node: NodePlan;
  cpuMillicores: number;
  memoryBytes: number;
  gpus: number;
  pods: number;
}

function eligible(workload: WorkloadPlan, node: NodePlan): boolean {
  if (workload.pool) return node.pool.name === workload.pool;
  // GPU nodes are tainted nvidia.com/gpu:NoSchedule; only DaemonSets tolerate everything.
  return workload.kind === 'DaemonSet' || node.pool.gpus === 0;
}

function take(room: NodeRoom, request: ReturnType<typeof podRequests>): boolean {
  if (room.pods < 1 || room.cpuMillicores < request.cpuMillicores || room.memoryBytes < request.memoryBytes || room.gpus < request.gpus) {
    return false;
  }
  room.pods -= 1;
  room.cpuMillicores -= request.cpuMillicores;
  room.memoryBytes -= request.memoryBytes;
  room.gpus -= request.gpus;
  return true;
}

/** Fills `slots` of every workload in place. CronJobs get one slot: capacity for their running Job. */
export function placeWorkloads(nodes: readonly NodePlan[], workloads: readonly WorkloadPlan[]): void {
  const rooms = nodes.map<NodeRoom>((node) => ({
    node,
    cpuMillicores: node.cpuAllocatableMillicores,
    memoryBytes: node.memoryAllocatableBytes,
    gpus: node.pool.gpus,
    pods: node.pool.maxPods,
  }));
  for (const workload of workloads) {
    if (workload.kind !== 'DaemonSet') continue;
    const request = podRequests(workload);
    workload.slots = rooms.filter((room) => eligible(workload, room.node) && take(room, request)).map((room) => room.node);
  }
  const others = workloads
    .filter((w) => w.kind !== 'DaemonSet')
    .map((workload, order) => ({ workload, order, request: podRequests(workload) }))
    .sort((a, b) => Number(b.workload.pool !== null) - Number(a.workload.pool !== null) || b.request.gpus - a.request.gpus || b.request.cpuMillicores - a.request.cpuMillicores || a.order - b.order);
  const groups = new Map<string, Tier[]>();
  for (const { workload, request } of others) {
    const groupKey = workload.pool ?? '*';
    let tiers = groups.get(groupKey);
    if (!tiers) {
      // Unpinned pods go to on-demand nodes first, to spot only when those are full: the spot pool holds little but its own.
      const eligibleRooms = rooms.filter((room) => eligible(workload, room.node));
      const spot = (room: NodeRoom) => room.node.pool.capacityType === 'SPOT';
      tiers = workload.pool ? [{ rooms: eligibleRooms, cursor: 0 }] : [{ rooms: eligibleRooms.filter((r) => !spot(r)), cursor: 0 }, { rooms: eligibleRooms.filter(spot), cursor: 0 }];
      groups.set(groupKey, tiers);
    }
    const count = workload.kind === 'CronJob' ? 1 : workload.replicas;
    workload.slots = [];
    for (let ordinal = 0; ordinal < count; ordinal++) {
      const taken = workload.antiAffinity ? new Set(workload.slots) : null;
      let node: NodePlan | null = null;
      for (const tier of tiers) {
        node = placeOne(tier, request, taken);
        if (node) break;
      }
      workload.slots.push(node);
    }
  }
}

interface Tier {
  rooms: NodeRoom[];
  cursor: number;
}

function placeOne(group: Tier, request: ReturnType<typeof podRequests>, taken: ReadonlySet<NodePlan | null> | null): NodePlan | null {
  const total = group.rooms.length;
  for (let step = 0; step < total; step++) {
    const index = (group.cursor + step) % total;
    const room = group.rooms[index];
    if (room && !taken?.has(room.node) && take(room, request)) {
      group.cursor = (index + 1) % total;
      return room.node;
    }
  }
  return null;
}
