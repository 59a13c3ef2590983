/**
 * Writes a scrape while it is being read (Postgres; collect-once), so that the database works
 * while the API server is still sending pods. When the pods list's first page arrives, the
 * lists read before it are complete and the page's Date is the scrape's time: the cluster is
 * claimed (nothing is written when it already has a scrape then), and namespaces, nodes,
 * volumes and rollouts are written on their own connections; pods (with their containers) are
 * written in chunks as their pages arrive, one chunk at a time. After the read: the claims (they
 * need every pod), then the scrape row with its samples, committed after all that inventory,
 * exactly as writeSnapshot does. When the pods list restarted (410 Expired) or the server sent
 * no Date, the rows already streamed are only inventory, upserted again by writeSnapshot, which
 * then writes the whole scrape.
 */
import type { Database } from '../db/client';
import type { ReadObserver } from '../k8s/read-snapshot';
import type { PodRecord, Snapshot } from '../k8s/types';
import { containerSamples, summarize } from './samples';
import { writeHpas } from './write-hpas';
import { writeRollouts } from './write-rollouts';
import { claimScrape, writeClaims, writeClusterObjects, writePods, writeScrape, writeSnapshot, type WriteResult } from './write-snapshot';

/** Pods per streamed write (with their containers, one transaction). */
export const POD_CHUNK = 5_000;

export interface StreamingWriter {
  /** Pass to readSnapshot. */
  observer: ReadObserver;
  /** After the read: the rest of the scrape, or all of it (see above). */
  finish(snapshot: Snapshot, durationMs: number): Promise<WriteResult>;
  /** After a failed read: waits for the writes under way, dropping their errors. */
  abandon(): Promise<void>;
}

interface Started {
  at: Date;
  clusterId: Promise<number | null>;
  writes: Promise<number>[];
  /** The chain of pod chunks, each written after the one before. */
  pods: Promise<number>;
}

// Awaited later; this only keeps an early failure from going unhandled meanwhile.
const guard = <T>(promise: Promise<T>): Promise<T> => {
  promise.catch(() => {});
  return promise;
};
const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);

export function streamingWriter(db: Database, podChunk = POD_CHUNK): StreamingWriter {
  let started: Started | null = null;
  let whole = false; // write the whole scrape after the read, as writeSnapshot
  let buffer: PodRecord[] = [];

  const flush = () => {
    if (!started || buffer.length === 0) return;
    const chunk = buffer;
    buffer = [];
    const { at, clusterId } = started;
    started.pods = guard(
      started.pods.then(async (rows) => {
        const id = await clusterId;
        return id === null ? rows : rows + (await db.transaction((s) => writePods(s, { clusterId: id, at }, chunk)));
      }),
    );
  };
  const settle = async () => {
    if (started) await Promise.allSettled([started.clusterId, ...started.writes, started.pods]);
  };

  const observer: ReadObserver = {
    podsStarted(before, serverDate) {
      if (!serverDate) {
        whole = true;
        return;
      }
      const at = serverDate;
      const clusterId = guard(claimScrape(db, before.cluster, at));
      const whenClaimed = (write: (id: number) => Promise<number>) => guard(clusterId.then((id) => (id === null ? 0 : write(id))));
      started = {
        at,
        clusterId,
        writes: [
          whenClaimed((id) => db.transaction((s) => writeClusterObjects(s, { clusterId: id, at, snapshot: before }))),
          whenClaimed((id) => db.transaction((s) => writeRollouts(s, id, at, { ...before, sampledAt: at.toISOString() }))),
          whenClaimed((id) => db.transaction((s) => writeHpas(s, id, at, before.hpas))),
        ],
        pods: Promise.resolve(0),
      };
    },
    podPage(pods) {
      if (whole || !started) return;
      for (const pod of pods) buffer.push(pod);
      if (buffer.length >= podChunk) flush();
    },
    podsRestarted() {
      whole = true;
      buffer = [];
    },
  };

  return {
    observer,
    abandon: settle,
    async finish(snapshot, durationMs) {
      if (whole || !started || snapshot.sampledAt !== started.at.toISOString()) {
        await settle();
        return writeSnapshot(db, snapshot, durationMs);
      }
      flush();
      const samples = containerSamples(snapshot);
      const summary = summarize(snapshot, samples);
      const clusterId = await started.clusterId;
      if (clusterId === null) {
        await settle();
        return { summary, stored: false, rowsWritten: 0 };
      }
      const context = { clusterId, at: started.at, snapshot };
      const claims = guard(db.transaction((s) => writeClaims(s, context)));
      const inventory = guard(Promise.all([...started.writes, started.pods, claims]).then(sum));
      try {
        return await writeScrape(db, context, summary, samples, durationMs, () => inventory);
      } finally {
        await Promise.allSettled([inventory, settle()]);
      }
    },
  };
}
