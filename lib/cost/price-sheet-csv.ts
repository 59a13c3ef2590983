import type { CapacityType } from './catalog';

/** One row of a user price sheet: a node type's hourly price, optionally per region and capacity type, from a date on. */
export interface PriceSheetEntry {
  provider: string;
  /** null means every region (`*` or empty in the sheet). */
  region: string | null;
  instanceType: string;
  /** null means either capacity type. */
  capacityType: CapacityType | null;
  usdPerHour: number;
  /** UTC midnight of `effectiveFrom`, epoch ms; null: always. */
  effectiveFromMs: number | null;
  /** 1-based line in the file, for messages. */
  line: number;
}

/** A broken price sheet: names the file, the line and the problem. Nothing of the file is used. */
export class PriceSheetError extends Error {}

const COLUMNS = ['provider', 'region', 'instancetype', 'capacitytype', 'usdperhour'];

/** `YYYY-MM-DD` → UTC midnight, epoch ms; null unless a real calendar day. */
function utcDay(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const daysInMonth = (Date.UTC(year, month, 1) - Date.UTC(year, month - 1, 1)) / 86_400_000;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth ? Date.UTC(year, month - 1, day) : null;
}

/** Splits one CSV line: commas outside double quotes; `""` inside quotes is a quote. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw new Error('unclosed quote');
  out.push(cell.trim());
  return out;
}

/**
 * Parses a price sheet: CSV with a header `provider,region,instanceType,capacityType,
 * usdPerHour[,effectiveFrom]` (any column order, case-insensitive). `region` and
 * `capacityType` may be empty or `*` (any); `capacityType` is `on-demand` or `spot`;
 * `usdPerHour` a non-negative number; `effectiveFrom` a date `YYYY-MM-DD` (UTC). Blank lines
 * and `#` comments are skipped. Any bad row throws PriceSheetError with `file:line: problem`.
 */
export function parsePriceSheet(text: string, fileName = 'price sheet'): PriceSheetEntry[] {
  const lines = text.split(/\r?\n/);
  const fail = (line: number, problem: string): never => {
    throw new PriceSheetError(`${fileName}:${line}: ${problem}`);
  };
  const headerIndex = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (headerIndex < 0) fail(1, `no header row (expected ${COLUMNS.join(',')}[,effectiveFrom])`);
  const header = cells(lines[headerIndex]!).map((h) => h.toLowerCase());
  for (const column of COLUMNS) if (!header.includes(column)) fail(headerIndex + 1, `missing column "${column}" in the header`);
  const at = (name: string) => header.indexOf(name);
  const entries: PriceSheetEntry[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const line = i + 1;
    let row: string[] = [];
    try {
      row = cells(raw);
    } catch (error) {
      fail(line, (error as Error).message);
    }
    if (row.length < header.length) fail(line, `${row.length} cells, the header has ${header.length}`);
    const value = (name: string) => row[at(name)] ?? '';
    const provider = value('provider').toLowerCase();
    const instanceType = value('instancetype');
    if (!provider) fail(line, 'provider is empty');
    if (!instanceType) fail(line, 'instanceType is empty');
    const region = value('region');
    const capacity = value('capacitytype').toLowerCase();
    if (capacity !== '' && capacity !== '*' && capacity !== 'on-demand' && capacity !== 'spot') {
      fail(line, `capacityType "${value('capacitytype')}" is not on-demand, spot or *`);
    }
    const priceText = value('usdperhour');
    const usdPerHour = Number(priceText);
    if (priceText === '' || !Number.isFinite(usdPerHour) || usdPerHour < 0) fail(line, `usdPerHour "${priceText}" is not a price (a number ≥ 0)`);
    const from = at('effectivefrom') >= 0 ? value('effectivefrom') : '';
    let effectiveFromMs: number | null = null;
    if (from !== '') {
      effectiveFromMs = utcDay(from);
      if (effectiveFromMs === null) fail(line, `effectiveFrom "${from}" is not a date (YYYY-MM-DD)`);
    }
    entries.push({
      provider, instanceType, line, usdPerHour, effectiveFromMs,
      region: region === '' || region === '*' ? null : region,
      capacityType: capacity === '' || capacity === '*' ? null : (capacity as CapacityType),
    });
  }
  return entries;
}
