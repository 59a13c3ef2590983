/** The time source of the simulated API server: every response, object and usage sample follows it. */
export interface DemoClock {
  now(): Date;
}

/** A clock the caller drives: tests and history replays move it by hand. */
export interface SimulatedClock extends DemoClock {
  set(instant: Date): void;
  advance(ms: number): void;
}

/** Wall-clock time. */
export function realClock(): DemoClock {
  return { now: () => new Date() };
}

/** A clock that stays at `start` until moved with `set` or `advance`. */
export function fixedClock(start: Date | string | number): SimulatedClock {
  let nowMs = new Date(start).getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError(`fixedClock: invalid start ${String(start)}`);
  return {
    now: () => new Date(nowMs),
    set(instant: Date) {
      const ms = instant.getTime();
      if (!Number.isFinite(ms)) throw new RangeError('SimulatedClock.set: invalid date');
      nowMs = ms;
    },
    advance(ms: number) {
      if (!Number.isFinite(ms)) throw new RangeError('SimulatedClock.advance: invalid duration');
      nowMs += ms;
    },
  };
}

/** True when the clock can be moved (a `fixedClock`). */
export function isSimulatedClock(clock: DemoClock): clock is SimulatedClock {
  const candidate = clock as Partial<SimulatedClock>;
  return typeof candidate.set === 'function' && typeof candidate.advance === 'function';
}

/** RFC 7231 IMF-fixdate, as in an HTTP `Date` header: `Sun, 06 Nov 1994 08:49:37 GMT`. */
export function httpDate(instant: Date): string {
  return instant.toUTCString();
}

/** Kubernetes timestamps: RFC 3339 in UTC with second precision (`2025-01-06T09:00:00Z`). */
export function k8sTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
