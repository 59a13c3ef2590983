import { ApiException, type KubeConfig } from '@kubernetes/client-node';
import { AppError } from '../util/errors';
import { rawListFetcher, type ListResponse, type PageRequest } from './list-request';

/** One page of a list as the API returned it, with the response's `Date` header. */
export interface Page<Item> {
  items: Item[];
  continueToken: string | undefined;
  serverDate: Date | null;
}

export interface ClientOptions {
  /** Items per page (`limit`); the API server caps it anyway. */
  pageSize?: number;
  /** Per-request timeout; a hung API call fails instead of stalling the scheduler. */
  timeoutMs?: number;
  /** How many times a 429 or 5xx is retried before the list fails. */
  retries?: number;
  /** Longest wait honoured from a Retry-After header. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

type PageFetcher<Item> = (request: PageRequest) => Promise<ListResponse<Item>>;

const MAX_RESTARTS = 3;

/**
 * Lists every object of a kind, page by page (`limit` + `continue`). A 410 Expired continue
 * token restarts the list from the beginning (the caller's `onRestart` drops what it kept);
 * 429 waits for Retry-After and 5xx backs off, both a bounded number of times.
 */
export async function listAll<Item>(
  what: string,
  fetchPage: PageFetcher<Item>,
  onPage: (page: Page<Item>) => void,
  onRestart: () => void,
  options: ClientOptions = {},
): Promise<{ pages: number; restarts: number; serverDate: Date | null }> {
  const limit = options.pageSize ?? 500;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let restarts = 0;
  let pages = 0;
  let firstDate: Date | null = null;
  let token: string | undefined;
  for (;;) {
    let response;
    try {
      response = await withRetries(what, () => fetchPage({ limit, _continue: token, signal: AbortSignal.timeout(timeoutMs) }), options);
    } catch (error) {
      if (token && statusOf(error) === 410 && restarts < MAX_RESTARTS) {
        restarts++;
        token = undefined;
        firstDate = null;
        onRestart();
        continue;
      }
      throw explain(what, error);
    }
    pages++;
    const serverDate = parseDate(response.headers['date']);
    firstDate ??= serverDate;
    const meta = response.data.metadata;
    token = meta?.continue || undefined;
    onPage({ items: response.data.items ?? [], continueToken: token, serverDate });
    if (!token) return { pages, restarts, serverDate: firstDate };
  }
}

async function withRetries<T>(what: string, call: () => Promise<T>, options: ClientOptions): Promise<T> {
  const retries = options.retries ?? 3;
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const status = statusOf(error);
      const retryable = status === 429 || (status !== undefined && status >= 500) || isTimeout(error);
      if (!retryable || attempt >= retries) throw error;
      const retryAfterSeconds = Number((error as ApiException<unknown>).headers?.['retry-after']);
      const waitMs = Number.isFinite(retryAfterSeconds) ? retryAfterSeconds * 1000 : 250 * 2 ** attempt;
      await sleep(Math.min(waitMs, options.maxRetryAfterMs ?? 10_000));
    }
  }
}

export function statusOf(error: unknown): number | undefined {
  return error instanceof ApiException ? error.code : undefined;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function parseDate(header: string | undefined): Date | null {
  if (!header) return null;
  const date = new Date(header);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The Kubernetes Status message of a failed call, without the request's credentials. */
export function explain(what: string, error: unknown): AppError {
  const status = statusOf(error);
  if (status === undefined) {
    const reason = isTimeout(error) ? 'timed out' : error instanceof Error ? error.message : String(error);
    return new AppError('UPSTREAM', `listing ${what}: ${reason}`, { cause: error });
  }
  const body = (error as ApiException<unknown>).body;
  let message = typeof body === 'string' ? body : '';
  try {
    const parsed = typeof body === 'string' ? (JSON.parse(body) as { message?: string }) : (body as { message?: string });
    message = parsed?.message ?? message;
  } catch {
    // not JSON: keep the raw text
  }
  const hint = status === 403 ? ' (Tally needs get/list/watch on it: see the ClusterRole in README)' : '';
  return new AppError(status === 403 ? 'FORBIDDEN' : 'UPSTREAM', `listing ${what}: HTTP ${status}: ${message.slice(0, 300)}${hint}`, {
    cause: error,
  });
}

/**
 * How Tally reads a cluster, made from one kubeconfig: `list(path)` fetches pages of a list
 * through client-node's auth and HTTP stack, parsed once as plain JSON (list-request.ts).
 */
export function makeApis(kubeConfig: KubeConfig) {
  return { list: rawListFetcher(kubeConfig) };
}
export type Apis = ReturnType<typeof makeApis>;
