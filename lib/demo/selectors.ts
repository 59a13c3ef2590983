/** Label and field selectors, in the subset of the real grammar that clients use. */
import type { Entry } from './store';

export type EntryFilter = (entry: Entry) => boolean;

/** Splits on commas outside parentheses. */
function requirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

const KEY = '[A-Za-z0-9][-A-Za-z0-9_./]*';

/** `app=x,tier!=db,team,!legacy,env in (a,b),env notin (c)`; a string is the parse error. */
export function parseLabelSelector(selector: string): EntryFilter | string {
  const tests: EntryFilter[] = [];
  for (const req of requirements(selector)) {
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*([-A-Za-z0-9_.]*)$`).exec(req))) {
      const [, key = '', op, value] = m;
      tests.push(op === '!=' ? (e) => e.labels[key] !== value : (e) => e.labels[key] === value);
    } else if ((m = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^)]*)\\)$`).exec(req))) {
      const [, key = '', op, list = ''] = m;
      const values = new Set(list.split(',').map((v) => v.trim()));
      tests.push(op === 'in' ? (e) => values.has(e.labels[key] ?? '\u0000') : (e) => !values.has(e.labels[key] ?? '\u0000'));
    } else if ((m = new RegExp(`^(!?)(${KEY})$`).exec(req))) {
      const [, not, key = ''] = m;
      tests.push(not ? (e) => !(key in e.labels) : (e) => key in e.labels);
    } else {
      return `unable to parse requirement: ${req}`;
    }
  }
  return (entry) => tests.every((t) => t(entry));
}

const FIELDS = ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'status.phase'];

/** What events can be selected on besides metadata (core/v1 and events.k8s.io/v1 names). */
export const EVENT_FIELDS = ['reason', 'type', 'source', 'reportingComponent', 'reportingController', 'deprecatedSource', ...['kind', 'namespace', 'name', 'uid', 'apiVersion', 'fieldPath'].flatMap((f) => [`involvedObject.${f}`, `regarding.${f}`])];

/** `spec.nodeName=X,status.phase!=Succeeded`; `extra` are further fields the resource supports; a string is the error. */
export function parseFieldSelector(selector: string, extra: readonly string[] = []): EntryFilter | string {
  const tests: EntryFilter[] = [];
  for (const req of requirements(selector)) {
    const m = /^([A-Za-z.]+)\s*(==|=|!=)\s*(.*)$/.exec(req);
    if (!m) return `invalid selector: '${selector}'; can't understand '${req}'`;
    const [, field = '', op, value] = m;
    if (!FIELDS.includes(field) && !extra.includes(field)) return `field label not supported: ${field}`;
    const read = (e: Entry): string => (field === 'metadata.name' ? e.name : field === 'metadata.namespace' ? (e.namespace ?? '') : (e.fields[field] ?? ''));
    tests.push(op === '!=' ? (e) => read(e) !== value : (e) => read(e) === value);
  }
  return (entry) => tests.every((t) => t(entry));
}
