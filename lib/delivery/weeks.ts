const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** The Monday 00:00 UTC that starts the ISO week holding the instant `ms` (epoch ms). */
export function isoWeekStartMs(ms: number): number {
  const dayStartMs = Math.floor(ms / DAY_MS) * DAY_MS;
  const sinceMonday = (new Date(dayStartMs).getUTCDay() + 6) % 7;
  return dayStartMs - sinceMonday * DAY_MS;
}

/** One UTC ISO week seen through a window: the Monday it starts on, and the part of it inside the window. */
export interface WeekSpan {
  weekStartMs: number;
  /** [startMs, endMs): the week clipped to the window. */
  startMs: number;
  endMs: number;
}

/**
 * The UTC ISO weeks (Monday 00:00 to the next Monday 00:00) that overlap [startMs, endMs), in
 * order, each clipped to the window (the first and last may be partial). An empty window → [].
 */
export function isoWeeksOf(startMs: number, endMs: number): WeekSpan[] {
  const weeks: WeekSpan[] = [];
  if (!(endMs > startMs)) return weeks;
  for (let week = isoWeekStartMs(startMs); week < endMs; week += WEEK_MS) {
    weeks.push({ weekStartMs: week, startMs: Math.max(week, startMs), endMs: Math.min(week + WEEK_MS, endMs) });
  }
  return weeks;
}
