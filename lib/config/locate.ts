/** Maps a path in the parsed config (zod's issue path) back to an offset in the YAML source. */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type ParsedNode } from 'yaml';

export type SourceDocument = Document.Parsed<ParsedNode, true> | Document<Node, true>;

function start(node: Node | null | undefined): number | undefined {
  return node?.range?.[0];
}

/** An empty value (`key:` and nothing after) has a zero-width range: point at its key instead. */
function isEmpty(node: unknown): boolean {
  return isScalar(node) && node.value === null && node.range != null && node.range[0] === node.range[1];
}

/**
 * The source offset of the node at `path` (of its key when `atKey`, e.g. an unknown or invalid
 * key). Where the path leaves the document (a missing required key) it stops at the deepest
 * node that exists, e.g. the list item missing a field. The document's start when nothing fits.
 */
export function locate(doc: SourceDocument, path: readonly PropertyKey[], atKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = start(doc.contents) ?? 0;
  for (const [i, segment] of path.entries()) {
    if (isAlias(node)) node = node.resolve(doc);
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(segment));
      if (!pair) return offset;
      const keyOffset = isScalar(pair.key) ? start(pair.key) : undefined;
      if ((last && atKey) || isEmpty(pair.value) || pair.value === null) return keyOffset ?? offset;
      node = pair.value;
      offset = start(pair.value as Node) ?? keyOffset ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined || item === null) return offset;
      node = item;
      offset = start(item as Node) ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}
