/**
 * `?watch=true`: a chunked stream of `{"type":…,"object":…}` lines. The stream starts from the
 * requested resourceVersion (an instant of simulated time) or with ADDED for every object,
 * then polls the source and sends what changed as the simulated clock moves.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { msOfResourceVersion, resourceVersionAt } from './calendar';
import type { DemoClock } from './clock';
import type { EntryFilter } from './selectors';
import { type StatusFailure, badRequest, resourceVersionTooOld } from './status';
import { type Entry, type ObjectSource, type ResourceDef, type Snapshot, apiVersionOf, compareKeys, resourceId } from './store';

export interface WatchOptions {
  /** How far back (simulated ms) a resourceVersion may be before the watch answers 410 Expired. */
  historyMs: number;
  /** Real milliseconds between looks at the simulated organisation. */
  pollMs: number;
  /** Real milliseconds between BOOKMARK events when the client allows them. */
  bookmarkMs: number;
}

export interface WatchRequest {
  def: ResourceDef;
  select: EntryFilter;
  resourceVersion: string;
  timeoutSeconds: number;
  allowBookmarks: boolean;
  sendInitialEvents: boolean;
  /** How an object is written into an event; default the object with kind and apiVersion. */
  render?: (entry: Entry) => string;
}

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** The object with kind and apiVersion first, as in watch events and single-object reads. */
export function withKind(def: ResourceDef, json: string): string {
  if (json.startsWith('{"kind"') || json.startsWith('{"apiVersion"')) return json;
  const head = `{"kind":"${def.kind}","apiVersion":"${apiVersionOf(def)}"`;
  return json === '{}' ? `${head}}` : `${head},${json.slice(1)}`;
}

/** Events turning `before` into `after` (both sorted by key), ordered by resourceVersion. */
export function diffEntries(before: readonly Entry[], after: readonly Entry[]): Array<{ type: EventType; entry: Entry }> {
  const events: Array<{ type: EventType; entry: Entry }> = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const a = before[i];
    const b = after[j];
    const order = !a ? 1 : !b ? -1 : compareKeys(a.key, b.key);
    if (order < 0 && a) {
      events.push({ type: 'DELETED', entry: a });
      i++;
    } else if (order > 0 && b) {
      events.push({ type: 'ADDED', entry: b });
      j++;
    } else if (a && b) {
      if (a !== b && (a.rvMs !== b.rvMs || a.json() !== b.json())) events.push({ type: 'MODIFIED', entry: b });
      i++;
      j++;
    }
  }
  return events.sort((x, y) => x.entry.rvMs - y.entry.rvMs || compareKeys(x.entry.key, y.entry.key));
}

/** Serves one watch until timeoutSeconds (real time) pass or the client goes away. */
export function serveWatch(req: IncomingMessage, res: ServerResponse, source: ObjectSource, clock: DemoClock, watch: WatchRequest, options: WatchOptions, onEnd: () => void): void {
  const id = resourceId(watch.def);
  let seen: Snapshot | null = null;
  let last: readonly Entry[] = [];
  // Re-filter only when the source hands out a different snapshot.
  const current = (ms: number): readonly Entry[] => {
    const snapshot = source.snapshot(id, ms);
    if (snapshot !== seen) {
      seen = snapshot;
      last = (snapshot?.entries ?? []).filter(watch.select);
    }
    return last;
  };
  const send = (type: string, objectJson: string) => res.write(`{"type":"${type}","object":${objectJson}}\n`);
  const sendError = (failure: StatusFailure) => send('ERROR', JSON.stringify(failure.body));
  const bookmark = (ms: number, initialEnd: boolean) => {
    const annotations = initialEnd ? ',"annotations":{"k8s.io/initial-events-end":"true"}' : '';
    send('BOOKMARK', `{"kind":"${watch.def.kind}","apiVersion":"${apiVersionOf(watch.def)}","metadata":{"resourceVersion":"${resourceVersionAt(ms)}"${annotations}}}`);
  };
  const emit = (events: Array<{ type: EventType; entry: Entry }>) => {
    for (const e of events) send(e.type, watch.render ? watch.render(e.entry) : withKind(watch.def, e.entry.json()));
  };

  let timers: NodeJS.Timeout[] = [];
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    timers.forEach((t) => clearInterval(t));
    timers = [];
    res.end();
    onEnd();
  };
  req.on('close', end);
  res.on('close', end);

  const nowMs = clock.now().getTime();
  let sent: readonly Entry[];
  const rv = watch.resourceVersion;
  if (rv === '' || rv === '0' || watch.sendInitialEvents) {
    sent = current(nowMs);
    emit(sent.map((entry) => ({ type: 'ADDED' as const, entry })));
    if (watch.sendInitialEvents && watch.allowBookmarks) bookmark(nowMs, true);
  } else {
    const fromMs = msOfResourceVersion(rv);
    if (fromMs === null) {
      sendError(badRequest(`invalid resource version: ${rv}`));
      end();
      return;
    }
    if (nowMs - fromMs > options.historyMs) {
      sendError(resourceVersionTooOld(rv, resourceVersionAt(nowMs - options.historyMs)));
      end();
      return;
    }
    sent = current(fromMs);
  }
  const poll = () => {
    const next = current(clock.now().getTime());
    if (next !== sent) {
      emit(diffEntries(sent, next));
      sent = next;
    }
  };
  poll();
  timers.push(setInterval(poll, options.pollMs));
  if (watch.allowBookmarks) timers.push(setInterval(() => bookmark(clock.now().getTime(), false), options.bookmarkMs));
  timers.push(setTimeout(end, watch.timeoutSeconds * 1000));
}
