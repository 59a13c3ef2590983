import type { CapacityType } from './catalog';

/** One row of a user price sheet: a node type's hourly price, optionally per region and capacity type, from a date on. */
export interface PriceSheetEntry {
  /** Lower case, e.g. `aws`. */
  provider: string;
  /** null means every region (`*` or empty in the sheet). */
  region: string | null;
  instanceType: string;
  /** null means either capacity type (`*` or empty). */
  capacityType: CapacityType | null;
  /** USD per node-hour, ≥ 0. */
  usdPerHour: number;
  /** UTC midnight of `effectiveFrom`, epoch ms; null: always. */
  effectiveFromMs: number | null;
  /** 1-based line in the file, for messages. */
  line: number;
}

/** A broken price sheet: `file:line: problem`. Nothing of the file is used. */
export class PriceSheetError extends Error {
  readonly file: string;
  readonly line: number;
  readonly problem: string;
  constructor(file: string, line: number, problem: string) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'PriceSheetError';
    this.file = file;
    this.line = line;
    this.problem = problem;
  }
}

const REQUIRED = ['provider', 'region', 'instancetype', 'capacitytype', 'usdperhour'] as const;
const COLUMNS: readonly string[] = [...REQUIRED, 'effectivefrom'];
const HEADER = 'provider,region,instanceType,capacityType,usdPerHour[,effectiveFrom]';
const PRICE = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

/** `YYYY-MM-DD` → UTC midnight, epoch ms; null unless a real calendar day. */
function utcDay(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const daysInMonth = (Date.UTC(year, month, 1) - Date.UTC(year, month - 1, 1)) / 86_400_000;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth ? Date.UTC(year, month - 1, day) : null;
}

/**
 * Splits one CSV line into trimmed cells: commas separate; a cell may be wrapped in double
 * quotes (then it may hold commas, and `""` is a quote). Throws on an unclosed or stray quote.
 */
function cells(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    let cell = '';
    if (line[i] === '"') {
      for (i++; ; i++) {
        if (i >= line.length) throw new Error('unclosed quote (a quoted cell must end on its line)');
        if (line[i] !== '"') cell += line[i];
        else if (line[i + 1] !== '"') break;
        else cell += line[i++];
      }
      i++;
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (i < line.length && line[i] !== ',') throw new Error(`unexpected text after a quoted cell at column ${i + 1}`);
    } else {
      const end = line.indexOf(',', i);
      cell = line.slice(i, end < 0 ? line.length : end).trim();
      if (cell.includes('"')) throw new Error(`stray quote in ${JSON.stringify(cell)} (quote the whole cell)`);
      i = end < 0 ? line.length : end;
    }
    out.push(cell);
    if (i >= line.length) return out;
    i++; // the comma
  }
}

/** The identity of a row: two rows with the same one would make the sheet ambiguous. */
const rowKey = (e: PriceSheetEntry) =>
  [e.provider, e.instanceType.toLowerCase(), e.region?.toLowerCase() ?? '*', e.capacityType ?? '*', e.effectiveFromMs ?? 'always'].join('|');

/**
 * Parses a price sheet. CSV with a header row `provider,region,instanceType,capacityType,
 * usdPerHour[,effectiveFrom]` (any order, any case; no other columns). Per row: `region` and
 * `capacityType` may be empty or `*` (any); `capacityType` is `on-demand` or `spot`;
 * `usdPerHour` is USD per node-hour, a plain decimal ≥ 0; `effectiveFrom` is a date
 * `YYYY-MM-DD` (UTC midnight; empty: always). CRLF or LF; blank lines and `#` comment lines are
 * skipped. Throws PriceSheetError (`file:line: problem`) at the first broken row: a missing or
 * unknown column, a bad price, date or capacity type, an empty provider or instance type, too
 * few or too many cells, a bad quote, or a row repeating another's provider, region,
 * instanceType, capacityType and effectiveFrom. It never skips a row or reads a bad value as 0.
 */
export function parsePriceSheet(csvText: string, fileName = 'price sheet'): PriceSheetEntry[] {
  const lines = csvText.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  const fail = (line: number, problem: string): never => {
    throw new PriceSheetError(fileName, line, problem);
  };
  const split = (index: number): string[] => {
    try {
      return cells(lines[index]!);
    } catch (error) {
      return fail(index + 1, (error as Error).message);
    }
  };
  const skip = (text: string) => text.trim() === '' || text.trim().startsWith('#');
  const headerIndex = lines.findIndex((l) => !skip(l));
  if (headerIndex < 0) fail(1, `no header row (expected ${HEADER})`);
  const header = split(headerIndex).map((h) => h.toLowerCase());
  header.forEach((name, i) => {
    if (!COLUMNS.includes(name)) fail(headerIndex + 1, `unknown column "${name}" in the header (expected ${HEADER})`);
    if (header.indexOf(name) !== i) fail(headerIndex + 1, `column "${name}" appears twice in the header`);
  });
  for (const column of REQUIRED) if (!header.includes(column)) fail(headerIndex + 1, `missing column "${column}" in the header (expected ${HEADER})`);

  const entries: PriceSheetEntry[] = [];
  const seen = new Map<string, number>();
  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (skip(lines[i]!)) continue;
    const line = i + 1;
    const row = split(i);
    if (row.length < header.length || row.slice(header.length).some((c) => c !== '')) fail(line, `${row.length} cells, the header has ${header.length}`);
    const value = (name: string) => (header.includes(name) ? row[header.indexOf(name)]! : '');
    const provider = value('provider').toLowerCase();
    const instanceType = value('instancetype');
    if (provider === '' || provider === '*') fail(line, `provider is ${provider === '' ? 'empty' : 'a wildcard'} (name one, e.g. aws)`);
    if (instanceType === '' || instanceType === '*') fail(line, `instanceType is ${instanceType === '' ? 'empty' : 'a wildcard'} (name one, e.g. m6i.xlarge)`);
    const region = value('region');
    const capacity = value('capacitytype').toLowerCase();
    if (!['', '*', 'on-demand', 'spot'].includes(capacity)) fail(line, `capacityType "${value('capacitytype')}" is not on-demand, spot or * (empty)`);
    const priceText = value('usdperhour');
    if (!PRICE.test(priceText)) fail(line, `usdPerHour "${priceText}" is not a price (a number ≥ 0, e.g. 0.192)`);
    const from = value('effectivefrom');
    const effectiveFromMs = from === '' ? null : utcDay(from);
    if (from !== '' && effectiveFromMs === null) fail(line, `effectiveFrom "${from}" is not a date (YYYY-MM-DD)`);
    const entry: PriceSheetEntry = {
      provider, instanceType, line, usdPerHour: Number(priceText), effectiveFromMs,
      region: region === '' || region === '*' ? null : region,
      capacityType: capacity === '' || capacity === '*' ? null : (capacity as CapacityType),
    };
    const earlier = seen.get(rowKey(entry));
    if (earlier !== undefined) fail(line, `repeats line ${earlier} (same provider, region, instanceType, capacityType and effectiveFrom)`);
    seen.set(rowKey(entry), line);
    entries.push(entry);
  }
  return entries;
}
