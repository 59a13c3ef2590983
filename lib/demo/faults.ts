/** Failure injection for tests and demos: make chosen requests fail the way a real API server does. */
import type { DemoClock } from './clock';
import {
  type AccessRequest,
  type StatusFailure,
  continueExpired,
  forbidden,
  forbiddenPath,
  internalError,
  objectNotFound,
  tooManyRequests,
  unknownPath,
} from './status';

export type FaultStatus = 403 | 404 | 410 | 429 | 500;

export interface FaultSpec {
  /** Exact URL path (no query string), or a RegExp tested against the path. */
  path: string | RegExp;
  /**
   * 403 Forbidden (RBAC message), 404 NotFound, 410 Expired (only requests carrying a
   * `continue` token match), 429 TooManyRequests with Retry-After, 500 InternalError.
   */
  status: FaultStatus;
  /** How many matching requests fail; unlimited when omitted. */
  times?: number;
  /** For 429: the Retry-After header and details.retryAfterSeconds (default 1). */
  retryAfterSeconds?: number;
}

export interface FaultInjector {
  inject(spec: FaultSpec): void;
  /** Behave like a cluster without metrics-server: metrics.k8s.io is 404, also in discovery. */
  disableMetrics(): void;
  enableMetrics(): void;
  /** Every continue token issued before now is answered with 410 Expired. */
  expireContinueTokens(): void;
  /** Removes injected faults and re-enables metrics. */
  clear(): void;
  readonly metricsDisabled: boolean;
}

/** What a fault is matched against. */
export interface FaultRequest {
  path: string;
  hasContinue: boolean;
  /** The resource access, or null for discovery and other non-resource paths. */
  access: AccessRequest | null;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

export class DemoFaults implements FaultInjector {
  private faults: ActiveFault[] = [];
  private metricsOff = false;
  private continueRevokedBeforeMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly clock: DemoClock) {}

  get metricsDisabled(): boolean {
    return this.metricsOff;
  }

  inject(spec: FaultSpec): void {
    const times = spec.times ?? Number.POSITIVE_INFINITY;
    if (!(times > 0)) throw new RangeError('FaultSpec.times must be positive');
    this.faults.push({ spec, remaining: times });
  }

  disableMetrics(): void {
    this.metricsOff = true;
  }

  enableMetrics(): void {
    this.metricsOff = false;
  }

  expireContinueTokens(): void {
    this.continueRevokedBeforeMs = this.clock.now().getTime() + 1;
  }

  clear(): void {
    this.faults = [];
    this.metricsOff = false;
    this.continueRevokedBeforeMs = Number.NEGATIVE_INFINITY;
  }

  /** True when a continue token issued at simulated `issuedMs` was revoked. */
  continueRevoked(issuedMs: number): boolean {
    return issuedMs < this.continueRevokedBeforeMs;
  }

  /** The failure to answer with, consuming one use of the first matching fault; null when none matches. */
  match(request: FaultRequest): StatusFailure | null {
    for (const fault of this.faults) {
      const { spec } = fault;
      if (spec.path instanceof RegExp) spec.path.lastIndex = 0;
      const pathMatches = typeof spec.path === 'string' ? spec.path === request.path : spec.path.test(request.path);
      if (!pathMatches || (spec.status === 410 && !request.hasContinue)) continue;
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
      return failureFor(spec, request);
    }
    return null;
  }
}

function failureFor(spec: FaultSpec, request: FaultRequest): StatusFailure {
  switch (spec.status) {
    case 403:
      return request.access ? forbidden(request.access) : forbiddenPath(request.path);
    case 404:
      return request.access?.name ? objectNotFound(request.access.group, request.access.resource, request.access.name) : unknownPath();
    case 410:
      return continueExpired();
    case 429:
      return tooManyRequests(spec.retryAfterSeconds ?? 1);
    case 500:
      return internalError('etcdserver: request timed out (injected fault)');
  }
}
