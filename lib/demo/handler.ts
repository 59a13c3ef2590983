/** The HTTP side of the simulated API server: auth, faults, discovery, get, list and watch. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resourceVersionAt } from './calendar';
import { type DemoClock, httpDate } from './clock';
import { aggregatedDiscovery, discoveryDocument } from './discovery';
import type { DemoFaults } from './faults';
import { decodeContinue, lowerBound, paginate } from './pagination';
import { matchRoute } from './routes';
import { EVENT_FIELDS, type EntryFilter, parseFieldSelector, parseLabelSelector } from './selectors';
import { type StatusFailure, badRequest, continueExpired, internalError, methodNotAllowed, notAcceptable, objectNotFound, unauthorized, unknownPath } from './status';
import { type Entry, type JsonObject, type ObjectSource, type ResourceDef, apiVersionOf, entryKey, resourceId } from './store';
import { type Representation, type TableOptions, contentType, negotiate, parseIncludeObject, tableJson } from './table';
import { type WatchOptions, serveWatch, withKind } from './watch';

export interface HandlerOptions {
  source: ObjectSource;
  clock: DemoClock;
  faults: DemoFaults;
  token: string;
  /** host:port reported by /api. */
  serverAddress: string;
  /** Continue tokens older than this (simulated ms) are answered with 410 Expired. */
  continueTtlMs: number;
  watch: WatchOptions;
}

export interface RequestRecord {
  method: string;
  path: string;
  query: string;
  status: number;
  /** Simulated instant of the request. */
  at: string;
  watch: boolean;
}

export interface DemoStats {
  requests: number;
  byStatus: Record<string, number>;
  byPath: Record<string, number>;
  activeWatches: number;
}

const LOG_LIMIT = 10_000;
const DEFAULT_WATCH_TIMEOUT_SECONDS = 1800;

export class ApiHandler {
  private readonly records: RequestRecord[] = [];
  private readonly counters: DemoStats = { requests: 0, byStatus: {}, byPath: {}, activeWatches: 0 };

  constructor(private readonly options: HandlerOptions) {}

  stats(): DemoStats {
    return { ...this.counters, byStatus: { ...this.counters.byStatus }, byPath: { ...this.counters.byPath } };
  }

  /** The most recent requests (up to 10,000), oldest first. */
  requestLog(): readonly RequestRecord[] {
    return [...this.records];
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    const query = url.searchParams;
    const isWatch = query.get('watch') === 'true' || query.get('watch') === '1';
    const record = (status: number, watch = false) => {
      const entry: RequestRecord = { method: req.method ?? 'GET', path: url.pathname, query: url.search, status, at: this.options.clock.now().toISOString(), watch };
      this.records.push(entry);
      if (this.records.length > LOG_LIMIT) this.records.shift();
      this.counters.requests += 1;
      this.counters.byStatus[status] = (this.counters.byStatus[status] ?? 0) + 1;
      this.counters.byPath[url.pathname] = (this.counters.byPath[url.pathname] ?? 0) + 1;
    };
    const reply = (status: number, body: string, headers: Record<string, string> = {}) => {
      record(status);
      this.send(req, res, status, body, headers);
    };
    const replyAs = (representation: Representation) => (status: number, body: string) => reply(status, body, { 'Content-Type': contentType(representation) });
    const fail = (failure: StatusFailure) => reply(failure.code, JSON.stringify(failure.body), failure.headers);
    try {
      if (req.headers.authorization !== `Bearer ${this.options.token}`) return fail(unauthorized());
      if (req.method !== 'GET' && req.method !== 'HEAD') return fail(methodNotAllowed());
      const route = matchRoute(url.pathname);
      const access = route.type === 'resource' ? { verb: isWatch ? 'watch' : route.name ? 'get' : 'list', group: route.def.group, resource: route.def.resource, namespace: route.namespace, name: route.name } : null;
      const injected = this.options.faults.match({ path: url.pathname, hasContinue: (query.get('continue') ?? '') !== '', access });
      if (injected) return fail(injected);
      const metricsOff = this.options.faults.metricsDisabled;
      const accepted = negotiate(req.headers.accept);
      if (!accepted) return fail(notAcceptable(req.headers.accept ?? ''));
      if (route.type === 'discovery') {
        const path = url.pathname.replace(/\/$/, '') || '/';
        if (accepted.type === 'discovery' && (path === '/api' || path === '/apis')) return replyAs(accepted)(200, JSON.stringify(aggregatedDiscovery(path, accepted.version, !metricsOff)));
        const doc = discoveryDocument(path, this.options.serverAddress, !metricsOff);
        return doc ? reply(200, JSON.stringify(doc)) : fail(unknownPath());
      }
      if (route.type === 'unknown' || (metricsOff && route.def.group === 'metrics.k8s.io')) return fail(unknownPath());
      let table: TableOptions | null = null;
      if (accepted.type === 'table') {
        const includeObject = parseIncludeObject(query.get('includeObject'));
        if (includeObject !== 'None' && includeObject !== 'Metadata' && includeObject !== 'Object') return fail(badRequest(includeObject));
        table = { def: route.def, version: accepted.version, includeObject, nowMs: this.options.clock.now().getTime() };
      }
      const send = replyAs(table ? accepted : { type: 'json' });
      if (route.name !== null) return this.get(route.def, route.namespace, route.name, table, send, fail);
      const select = this.selector(route.def, route.namespace, query);
      if (typeof select === 'string') return fail(badRequest(select));
      if (isWatch) {
        if (!route.def.watchable) return fail(methodNotAllowed());
        return this.watch(req, res, route.def, select, query, table, record);
      }
      return this.list(route.def, route.namespace, select, query, table, send, fail);
    } catch (error) {
      return fail(internalError(error instanceof Error ? error.message : String(error)));
    }
  }

  private send(req: IncomingMessage, res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
    res.writeHead(status, {
      'Audit-Id': randomUUID(),
      'Cache-Control': 'no-cache, private',
      'Content-Type': 'application/json',
      Date: httpDate(this.options.clock.now()),
      'Content-Length': String(Buffer.byteLength(body)),
      ...headers,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  private selector(def: ResourceDef, namespace: string | null, query: URLSearchParams): { filter: EntryFilter; selective: boolean } | string {
    const filters: EntryFilter[] = [];
    const labels = query.get('labelSelector') ?? '';
    const fields = query.get('fieldSelector') ?? '';
    if (labels !== '') {
      const f = parseLabelSelector(labels);
      if (typeof f === 'string') return f;
      filters.push(f);
    }
    if (fields !== '') {
      const f = parseFieldSelector(fields, def.kind === 'Event' ? EVENT_FIELDS : []);
      if (typeof f === 'string') return f;
      filters.push(f);
    }
    if (namespace !== null && def.namespaced) filters.push((e) => e.namespace === namespace);
    return { filter: (e) => filters.every((f) => f(e)), selective: labels !== '' || fields !== '' };
  }

  private get(def: ResourceDef, namespace: string | null, name: string, table: TableOptions | null, reply: (s: number, b: string) => void, fail: (f: StatusFailure) => void): void {
    const entries = this.options.source.snapshot(resourceId(def), this.options.clock.now().getTime())?.entries ?? [];
    const key = entryKey(namespace, name);
    const entry = entries[lowerBound(entries, key)];
    if (!entry || entry.key !== key) return fail(objectNotFound(def.group, def.resource, name));
    if (table) return reply(200, tableJson([entry], { resourceVersion: resourceVersionAt(entry.rvMs) }, table));
    reply(200, withKind(def, entry.json()));
  }

  private list(def: ResourceDef, namespace: string | null, select: { filter: EntryFilter; selective: boolean }, query: URLSearchParams, table: TableOptions | null, reply: (s: number, b: string) => void, fail: (f: StatusFailure) => void): void {
    const limitText = query.get('limit') ?? '';
    const limit = limitText === '' ? 0 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 0) return fail(badRequest(`invalid value "${limitText}" for limit`));
    const token = query.get('continue') ?? '';
    const nowMs = this.options.clock.now().getTime();
    let listMs = nowMs;
    let start: string | null = null;
    if (token !== '') {
      if ((query.get('resourceVersion') ?? '') !== '') return fail(badRequest('specifying resource version is not allowed when using continue'));
      const position = decodeContinue(token);
      if (typeof position === 'string') return fail(badRequest(`continue key is not valid: ${position}`));
      if (nowMs - position.listMs > this.options.continueTtlMs || this.options.faults.continueRevoked(position.listMs)) return fail(continueExpired());
      listMs = position.listMs;
      start = position.start;
    }
    let entries: readonly Entry[] = this.options.source.snapshot(resourceId(def), listMs)?.entries ?? [];
    if (namespace !== null) entries = entries.slice(lowerBound(entries, `${namespace}/`), lowerBound(entries, `${namespace}0`));
    if (select.selective) entries = entries.filter(select.filter);
    const page = paginate(entries, start, limit, listMs, !select.selective);
    const metadata: JsonObject = {};
    if (def.group !== 'metrics.k8s.io') metadata.resourceVersion = resourceVersionAt(listMs);
    if (page.continueToken) metadata.continue = page.continueToken;
    if (page.remainingItemCount !== null) metadata.remainingItemCount = page.remainingItemCount;
    if (table) return reply(200, tableJson(page.items, metadata, table));
    const items = page.items.map((e) => e.json()).join(',');
    reply(200, `{"kind":"${def.listKind}","apiVersion":"${apiVersionOf(def)}","metadata":${JSON.stringify(metadata)},"items":[${items}]}`);
  }

  private watch(req: IncomingMessage, res: ServerResponse, def: ResourceDef, select: { filter: EntryFilter }, query: URLSearchParams, table: TableOptions | null, record: (status: number, watch: boolean) => void): void {
    const timeoutText = query.get('timeoutSeconds') ?? '';
    const timeoutSeconds = timeoutText === '' ? DEFAULT_WATCH_TIMEOUT_SECONDS : Number(timeoutText);
    record(200, true);
    this.counters.activeWatches += 1;
    res.writeHead(200, { 'Audit-Id': randomUUID(), 'Cache-Control': 'no-cache, private', 'Content-Type': table ? contentType({ type: 'table', version: table.version }) : 'application/json', Date: httpDate(this.options.clock.now()) });
    res.flushHeaders();
    const watch = {
      def,
      select: select.filter,
      resourceVersion: query.get('resourceVersion') ?? '',
      timeoutSeconds: Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds : DEFAULT_WATCH_TIMEOUT_SECONDS,
      allowBookmarks: query.get('allowWatchBookmarks') === 'true',
      sendInitialEvents: query.get('sendInitialEvents') === 'true',
      render: table ? tableRenderer({ ...table, nowMs: 0 }, this.options.clock) : undefined,
    };
    serveWatch(req, res, this.options.source, this.options.clock, watch, this.options.watch, () => {
      this.counters.activeWatches -= 1;
    });
  }
}

/** Watch events as one-row Tables (column definitions in the first event only, as kube-apiserver). */
function tableRenderer(table: TableOptions, clock: DemoClock): (entry: Entry) => string {
  let first = true;
  return (entry) => {
    const json = tableJson([entry], { resourceVersion: resourceVersionAt(entry.rvMs) }, { ...table, nowMs: clock.now().getTime() }, first);
    first = false;
    return json;
  };
}
