/** OpenCost's `window` parameter, resolved to a half-open UTC range of whole hours. */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The longest window served: a little over a year of hourly data. */
export const MAX_WINDOW_DAYS = 400;

export interface TimeWindow {
  startMs: number;
  endMs: number;
}

/** Thrown for a window Tally cannot read; `message` says why, for a 400 naming `window`. */
export class WindowError extends Error {}

const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;
const ceilTo = (t: number, unit: number) => Math.ceil(t / unit) * unit;
const startOfMonth = (t: number, monthsBack = 0) => {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBack, 1);
};
/** Weeks start on Sunday, as OpenCost's do. */
const startOfWeek = (t: number) => floorTo(t, DAY_MS) - new Date(t).getUTCDay() * DAY_MS;

function parseInstant(text: string): number {
  const trimmed = text.trim();
  if (/^\d{9,11}$/.test(trimmed)) return Number(trimmed) * 1000; // unix seconds
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(trimmed)) {
    throw new WindowError(`"${text}" is not an RFC 3339 time (e.g. 2026-11-01T00:00:00Z) or unix seconds`);
  }
  const ms = Date.parse(trimmed);
  if (Number.isNaN(ms)) throw new WindowError(`"${text}" is not a valid time`);
  return ms;
}

/**
 * Resolves a window at `nowMs`: `today`, `yesterday`, `week`, `lastweek`, `month`,
 * `lastmonth`, `Nh`, `Nd`, `Nw` (ending now), or `start,end` (RFC 3339 or unix seconds).
 * Tally's data is hourly, so the start is floored and the end ceiled to whole UTC hours
 * ("now" is the end of the current hour). Periods are UTC: `today` = [00:00 today, now),
 * `month` = [the 1st, now), `lastmonth` = [the 1st of last month, the 1st of this month).
 * Throws WindowError for anything else, an empty range, or more than MAX_WINDOW_DAYS.
 */
export function parseWindow(text: string, nowMs: number): TimeWindow {
  const now = ceilTo(nowMs, HOUR_MS);
  const value = text.trim().toLowerCase();
  let window: TimeWindow;
  const relative = /^(\d{1,5})([hdw])$/.exec(value);
  if (relative) {
    const unit = relative[2] === 'h' ? HOUR_MS : relative[2] === 'd' ? DAY_MS : 7 * DAY_MS;
    window = { startMs: now - Number(relative[1]) * unit, endMs: now };
  } else if (value === 'today') window = { startMs: floorTo(nowMs, DAY_MS), endMs: now };
  else if (value === 'yesterday') window = { startMs: floorTo(nowMs, DAY_MS) - DAY_MS, endMs: floorTo(nowMs, DAY_MS) };
  else if (value === 'week') window = { startMs: startOfWeek(nowMs), endMs: now };
  else if (value === 'lastweek') window = { startMs: startOfWeek(nowMs) - 7 * DAY_MS, endMs: startOfWeek(nowMs) };
  else if (value === 'month') window = { startMs: startOfMonth(nowMs), endMs: now };
  else if (value === 'lastmonth') window = { startMs: startOfMonth(nowMs, 1), endMs: startOfMonth(nowMs) };
  else if (value.includes(',')) {
    const parts = text.split(',');
    if (parts.length !== 2) throw new WindowError(`"${text}" must be two times separated by one comma`);
    window = { startMs: floorTo(parseInstant(parts[0]!), HOUR_MS), endMs: ceilTo(parseInstant(parts[1]!), HOUR_MS) };
  } else {
    throw new WindowError(`"${text}" is not a window: use today, yesterday, week, lastweek, month, lastmonth, Nh, Nd, Nw or start,end`);
  }
  if (!(window.endMs > window.startMs)) throw new WindowError(`"${text}" is empty: its end is not after its start`);
  if (window.endMs - window.startMs > MAX_WINDOW_DAYS * DAY_MS) throw new WindowError(`"${text}" is longer than ${MAX_WINDOW_DAYS} days`);
  return window;
}

/**
 * The steps of a window: [start + k·stepMs, start + (k+1)·stepMs) clipped to the window, or
 * the whole window when stepMs is undefined. With a 1-day step the window is first widened to
 * whole UTC days (the daily rows are what such a read uses).
 */
export function windowSteps(window: TimeWindow, stepMs?: number): TimeWindow[] {
  if (stepMs === undefined) return [window];
  const start = stepMs % DAY_MS === 0 ? floorTo(window.startMs, DAY_MS) : window.startMs;
  const end = stepMs % DAY_MS === 0 ? ceilTo(window.endMs, DAY_MS) : window.endMs;
  const steps: TimeWindow[] = [];
  for (let t = start; t < end; t += stepMs) steps.push({ startMs: t, endMs: Math.min(end, t + stepMs) });
  return steps;
}
