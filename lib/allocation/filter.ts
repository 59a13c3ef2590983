/**
 * OpenCost's allocation filter language (v2), the subset Tally serves:
 * `field:"a","b"` (any of the values) or `field!:"a"` (none of them), clauses joined by `+`
 * (all must hold; an unencoded `+` that arrived as a space works too). Fields: cluster, node, namespace, controllerKind, controllerName, pod,
 * container, team, and `label[key]`. Example: `namespace:"shop","search"+team!:"platform"`.
 */

export const FILTER_FIELDS = ['cluster', 'node', 'namespace', 'controllerKind', 'controllerName', 'pod', 'container', 'team'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number] | `label:${string}`;

export interface FilterClause {
  field: FilterField;
  negated: boolean;
  values: string[];
}

/** Thrown for a filter Tally cannot read; `message` says where and why, for a 400 naming `filter`. */
export class FilterError extends Error {}

const CLAUSE = /^(label\[([A-Za-z0-9._/-]{1,316})\]|[A-Za-z]+)(!?):(.*)$/s;
const VALUE = /^"((?:[^"\\]|\\.)*)"$/;

/** Splits on any of `seps` outside double quotes. */
function splitOutsideQuotes(text: string, seps: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && quoted) {
      current += ch + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (seps.includes(ch) && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  if (quoted) throw new FilterError(`unclosed quote in "${text}"`);
  parts.push(current);
  return parts;
}

/** Parses a filter into clauses (empty text → no clauses). Throws FilterError naming the bad clause. */
export function parseFilter(text: string): FilterClause[] {
  if (text.trim() === '') return [];
  if (text.length > 4096) throw new FilterError('longer than 4096 characters');
  // A `+` sent unencoded arrives as a space: between clauses, both join them.
  return splitOutsideQuotes(text.trim(), '+ ').filter((raw) => raw.trim() !== '').map((raw) => {
    const clause = raw.trim();
    const match = CLAUSE.exec(clause);
    if (!match) throw new FilterError(`"${clause}" is not field:"value"`);
    const [, name, labelKey, bang, rest] = match;
    let field: FilterField;
    if (labelKey !== undefined) field = `label:${labelKey}`;
    else if ((FILTER_FIELDS as readonly string[]).includes(name!)) field = name as FilterField;
    else throw new FilterError(`unknown field "${name}": use ${FILTER_FIELDS.join(', ')} or label[key]`);
    const values = splitOutsideQuotes(rest!, ',').map((v) => {
      const quoted = VALUE.exec(v.trim());
      if (!quoted) throw new FilterError(`${name}: value ${v.trim() || '(empty)'} must be in double quotes`);
      return quoted[1]!.replace(/\\(.)/g, '$1');
    });
    return { field, negated: bang === '!', values };
  });
}
