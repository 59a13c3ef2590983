/** Cron syntax check for `schedules.*`, without importing the scheduler (node-cron). */

interface CronField {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FIVE_FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 7, names: WEEKDAYS },
];
const SECONDS: CronField = { name: 'second', min: 0, max: 59 };

// One list element: `*`, `N`, `N-M` or a name range, each optionally followed by `/step`.
const ELEMENT = /^(\*|[0-9a-z]+(?:-[0-9a-z]+)?)(?:\/([0-9]+))?$/;

function valueOf(token: string, field: CronField): number | undefined {
  if (/^[0-9]+$/.test(token)) return Number(token);
  const index = field.names?.indexOf(token) ?? -1;
  return index >= 0 ? index + field.min : undefined;
}

function fieldProblem(text: string, field: CronField): string | undefined {
  for (const element of text.toLowerCase().split(',')) {
    const match = ELEMENT.exec(element);
    if (!match) return `${field.name} field "${text}" is not valid cron syntax`;
    const [, range = '', step] = match;
    if (step !== undefined && Number(step) < 1) return `${field.name} field "${text}" has a step below 1`;
    if (range === '*') continue;
    for (const token of range.split('-')) {
      const value = valueOf(token, field);
      if (value === undefined) return `${field.name} field "${text}": "${token}" is not a ${field.name}`;
      if (value < field.min || value > field.max) {
        return `${field.name} ${value} is out of range ${field.min}-${field.max}`;
      }
    }
  }
  return undefined;
}

/**
 * Why a cron expression is invalid, or undefined when it is valid: 5 fields (minute hour
 * day-of-month month day-of-week) or 6 (a leading second), each a comma list of `*`, `N`,
 * `N-M` or month/weekday names, with an optional `/step`; values in range. Schedules run in UTC.
 * Macros (`@hourly`) and Quartz extensions (`?`, `L`, `W`, `#`) are refused: node-cron lacks them.
 */
export function cronProblem(expression: string): string | undefined {
  const parts = expression.trim().split(/\s+/).filter((p) => p !== '');
  if (parts.length !== 5 && parts.length !== 6) {
    return `cron expression "${expression}" must have 5 or 6 fields, found ${parts.length}`;
  }
  const fields = parts.length === 6 ? [SECONDS, ...FIVE_FIELDS] : FIVE_FIELDS;
  for (const [i, part] of parts.entries()) {
    const field = fields[i];
    const problem = field && fieldProblem(part, field);
    if (problem) return problem;
  }
  return undefined;
}
