/**
 * Content negotiation and the `meta.k8s.io/v1` Table representation kubectl asks for
 * (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io, …, application/json`): the
 * printers' columns and cells per object, with the object itself as `includeObject` says.
 */
import { type Printer, printerFor } from './printers';
import type { Entry, JsonObject, ResourceDef } from './store';
import { withKind } from './watch';

export type Representation =
  | { type: 'json' }
  | { type: 'table'; version: 'v1' | 'v1beta1' }
  | { type: 'discovery'; version: 'v2' | 'v2beta1' };

/**
 * The first representation in `accept` (in the client's order, q-values not weighed, as
 * client-go lists them best first) that the server produces; null when there is none.
 * A missing or empty header means JSON.
 */
export function negotiate(accept: string | undefined): Representation | null {
  if (accept === undefined || accept.trim() === '') return { type: 'json' };
  for (const range of accept.split(',')) {
    const [mediaType = '', ...paramTexts] = range.split(';').map((p) => p.trim());
    if (!['application/json', 'application/*', '*/*'].includes(mediaType.toLowerCase())) continue;
    const params = new Map(paramTexts.map((p) => p.split('=').map((s) => s.trim()) as [string, string]));
    const as = params.get('as');
    const version = params.get('v');
    const group = params.get('g');
    if (as === undefined) return { type: 'json' };
    if (as === 'Table' && group === 'meta.k8s.io' && (version === 'v1' || version === 'v1beta1')) return { type: 'table', version };
    if (as === 'APIGroupDiscoveryList' && group === 'apidiscovery.k8s.io' && (version === 'v2' || version === 'v2beta1')) return { type: 'discovery', version };
  }
  return null;
}

/** The Content-Type of a response in `representation`. */
export function contentType(representation: Representation): string {
  if (representation.type === 'table') return `application/json;as=Table;v=${representation.version};g=meta.k8s.io`;
  if (representation.type === 'discovery') return `application/json;g=apidiscovery.k8s.io;v=${representation.version};as=APIGroupDiscoveryList`;
  return 'application/json';
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** `?includeObject=`: Metadata by default, as kube-apiserver; a string is the error. */
export function parseIncludeObject(value: string | null): IncludeObject | string {
  if (value === null || value === '') return 'Metadata';
  if (value === 'None' || value === 'Metadata' || value === 'Object') return value;
  return `includeObject: Unsupported value: "${value}": supported values: "Metadata", "None", "Object"`;
}

export interface TableOptions {
  def: ResourceDef;
  version: 'v1' | 'v1beta1';
  includeObject: IncludeObject;
  /** Simulated now, for the Age columns. */
  nowMs: number;
}

function rowJson(printer: Printer, entry: Entry, options: TableOptions): string {
  const json = entry.json();
  const object = JSON.parse(json) as JsonObject;
  const cells = JSON.stringify(printer.cells(object, options.nowMs));
  if (options.includeObject === 'None') return `{"cells":${cells}}`;
  if (options.includeObject === 'Object') return `{"cells":${cells},"object":${withKind(options.def, json)}}`;
  const partial = { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${options.version}`, metadata: object.metadata ?? {} };
  return `{"cells":${cells},"object":${JSON.stringify(partial)}}`;
}

/** A Table of `entries` with list metadata `metadata` (resourceVersion, continue, remainingItemCount). */
export function tableJson(entries: readonly Entry[], metadata: JsonObject, options: TableOptions, withColumns = true): string {
  const printer = printerFor(options.def.kind, options.def.group);
  const columns = withColumns ? JSON.stringify(printer.columns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: c.description, priority: c.priority }))) : '[]';
  const rows = entries.map((e) => rowJson(printer, e, options)).join(',');
  return `{"kind":"Table","apiVersion":"meta.k8s.io/${options.version}","metadata":${JSON.stringify(metadata)},"columnDefinitions":${columns},"rows":[${rows}]}`;
}
