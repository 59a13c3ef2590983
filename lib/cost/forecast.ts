const DAY_MS = 86_400_000;
/** Two-sided 80% band of a normal error. */
const Z_80 = 1.2816;
/** With under a week of whole days the band is this share of the rest of the month, either side. */
const THIN_HISTORY_BAND = 0.25;
const HISTORY_DAYS = 28;
/** The least relative error assumed for the model's level over the rest of the month (σ, share of the rest). */
const MIN_LEVEL_ERROR = 0.02;
/** E|X| = 0.8 σ for a normal error: one held-out week's |error| → σ. */
const ABS_TO_SIGMA = 1.25;

/** One UTC day's cost, USD; a day without cost (0) counts as a day without data. */
export interface DailyCost {
  dayStartMs: number;
  costUsd: number;
}

export interface ForecastInput {
  /** The month, [monthStartMs, monthEndMs), UTC midnight. */
  monthStartMs: number;
  monthEndMs: number;
  /** The end of the data; days at or after it are forecast. */
  nowMs: number;
  /** Daily costs from at least 4 weeks before nowMs up to nowMs (the current day partial). */
  dailyCostsUsd: readonly DailyCost[];
  /** The previous month's days, for a month whose last 4 weeks hold no whole day. */
  previousMonthDailyCostsUsd?: readonly DailyCost[];
}

export type ForecastMethod = 'pattern' | 'mean' | 'run-rate' | 'previous-month' | 'complete' | 'none';

export interface Forecast {
  /** Month-end cost, USD: actual to date + the rest of the month predicted. */
  forecastUsd: number;
  forecastLowUsd: number;
  forecastHighUsd: number;
  actualToDateUsd: number;
  method: ForecastMethod;
}

const isWeekend = (dayStartMs: number) => {
  const d = new Date(dayStartMs).getUTCDay();
  return d === 0 || d === 6;
};
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * A daily model fitted on whole days: cost(t) = (a + b·t) × s(t), t in days since the first
 * whole day, s = the weekday or weekend factor (the mean of those days ÷ the mean of all; 1 when
 * the history lacks either kind), b = 0 under 14 days (least squares on cost ÷ s otherwise).
 * sigma: the standard deviation of the residuals, USD per day.
 */
function fitDaily(days: readonly DailyCost[]): { predict: (dayStartMs: number) => number; sigmaUsd: number } {
  const all = mean(days.map((d) => d.costUsd));
  const weekend = days.filter((d) => isWeekend(d.dayStartMs)).map((d) => d.costUsd);
  const weekday = days.filter((d) => !isWeekend(d.dayStartMs)).map((d) => d.costUsd);
  const seasonal = days.length >= 7 && weekend.length > 0 && weekday.length > 0 && all > 0;
  const factor = (ms: number) => (seasonal ? mean(isWeekend(ms) ? weekend : weekday) / all : 1);
  const t0 = days[0]!.dayStartMs;
  const ts = days.map((d) => (d.dayStartMs - t0) / DAY_MS);
  const ys = days.map((d) => d.costUsd / factor(d.dayStartMs));
  let a = mean(ys);
  let b = 0;
  if (days.length >= 14) {
    const tMean = mean(ts);
    const sxx = ts.reduce((s, t) => s + (t - tMean) ** 2, 0);
    b = sxx > 0 ? ts.reduce((s, t, i) => s + (t - tMean) * (ys[i]! - a), 0) / sxx : 0;
    a -= b * tMean;
  }
  const predict = (ms: number) => Math.max(0, (a + (b * (ms - t0)) / DAY_MS) * factor(ms));
  const residuals = days.map((d) => d.costUsd - predict(d.dayStartMs));
  const sigmaUsd = days.length > 1 ? Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / (days.length - 1)) : 0;
  return { predict, sigmaUsd };
}

/**
 * Where the month's cost will land, USD: actual to date (every day of the month before nowMs,
 * the current day's part included) + a daily model over the rest — the current day's remaining
 * share and each later day until monthEndMs. The model, best first:
 * - `pattern`: at least 7 whole days with cost in the 4 weeks before today: {@link fitDaily}
 *   (level, weekday/weekend factors, a trend from 14 days); band ± z₈₀ · √(σ² · days left +
 *   (λ · rest)²): σ the daily residuals' spread, λ the model's level error as a share of the
 *   rest (1.25 × the relative error forecasting the history's last week from the days before it,
 *   at least 2%), since a level or trend that is off moves every remaining day the same way;
 * - `mean`: 1–6 whole days: their mean per day; band ± 25% of the rest;
 * - `run-rate`: only today's part: its cost per hour × the hours left; band ± 25% of the rest;
 * - `previous-month`: nothing in 4 weeks: the previous month's mean day (its days with cost);
 * - `complete` once nowMs ≥ monthEndMs (forecast = actual), `none` without any cost.
 * Low is never under the actual to date.
 */
export function forecastMonth(input: ForecastInput): Forecast {
  const { monthStartMs, monthEndMs } = input;
  const nowMs = Math.min(Math.max(input.nowMs, monthStartMs), monthEndMs);
  const todayMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const actualToDateUsd = input.dailyCostsUsd
    .filter((d) => d.dayStartMs >= monthStartMs && d.dayStartMs < nowMs)
    .reduce((s, d) => s + d.costUsd, 0);
  if (nowMs >= monthEndMs) return flat(actualToDateUsd, 'complete');

  const todayUsd = input.dailyCostsUsd.filter((d) => d.dayStartMs === todayMs).reduce((s, d) => s + d.costUsd, 0);
  const elapsedToday = (nowMs - todayMs) / DAY_MS;
  const laterDays: number[] = [];
  for (let ms = todayMs + DAY_MS; ms < monthEndMs; ms += DAY_MS) laterDays.push(ms);
  const restOf = (perDay: (ms: number) => number) => perDay(todayMs) * (1 - elapsedToday) + laterDays.reduce((s, ms) => s + perDay(ms), 0);
  const daysLeft = 1 - elapsedToday + laterDays.length;

  const history = input.dailyCostsUsd
    .filter((d) => d.dayStartMs >= todayMs - HISTORY_DAYS * DAY_MS && d.dayStartMs < todayMs && d.costUsd > 0)
    .sort((x, y) => x.dayStartMs - y.dayStartMs);
  if (history.length >= 7) {
    const { predict, sigmaUsd } = fitDaily(history);
    const restUsd = restOf(predict);
    const levelSigma = Math.max(MIN_LEVEL_ERROR, ABS_TO_SIGMA * heldOutWeekError(history));
    return banded(actualToDateUsd, restUsd, Z_80 * Math.sqrt(sigmaUsd ** 2 * daysLeft + (levelSigma * restUsd) ** 2), 'pattern');
  }
  if (history.length > 0) {
    const perDay = mean(history.map((d) => d.costUsd));
    return thin(actualToDateUsd, restOf(() => perDay), 'mean');
  }
  if (todayUsd > 0 && elapsedToday > 0) {
    const perDay = todayUsd / elapsedToday;
    return thin(actualToDateUsd, restOf(() => perDay), 'run-rate');
  }
  const previous = (input.previousMonthDailyCostsUsd ?? []).filter((d) => d.costUsd > 0);
  if (previous.length > 0) {
    const perDay = mean(previous.map((d) => d.costUsd));
    return thin(actualToDateUsd, restOf(() => perDay), 'previous-month');
  }
  return flat(actualToDateUsd, actualToDateUsd > 0 ? 'run-rate' : 'none');
}

/**
 * |Σ predicted − Σ actual| ÷ Σ actual of the last 7 days of `history` (ascending whole days),
 * predicted by a fit on the days before them; 0 with under 14 days.
 */
function heldOutWeekError(history: readonly DailyCost[]): number {
  if (history.length < 14) return 0;
  const { predict } = fitDaily(history.slice(0, -7));
  const week = history.slice(-7);
  const actualUsd = week.reduce((s, d) => s + d.costUsd, 0);
  return actualUsd > 0 ? Math.abs(week.reduce((s, d) => s + predict(d.dayStartMs), 0) - actualUsd) / actualUsd : 0;
}

/** actual + rest, ± spread (low never under the actual). */
function banded(actualUsd: number, restUsd: number, spreadUsd: number, method: ForecastMethod): Forecast {
  const forecastUsd = actualUsd + restUsd;
  return { forecastUsd, forecastLowUsd: Math.max(actualUsd, forecastUsd - spreadUsd), forecastHighUsd: forecastUsd + spreadUsd, actualToDateUsd: actualUsd, method };
}

/** Without a fit to measure its error: ± 25% of the rest. */
const thin = (actualUsd: number, restUsd: number, method: ForecastMethod) => banded(actualUsd, restUsd, THIN_HISTORY_BAND * restUsd, method);

function flat(actualUsd: number, method: ForecastMethod): Forecast {
  return { forecastUsd: actualUsd, forecastLowUsd: actualUsd, forecastHighUsd: actualUsd, actualToDateUsd: actualUsd, method };
}
