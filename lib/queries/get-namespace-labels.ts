import type { Database } from '../db/client';

export interface NamespaceRef {
  cluster: string;
  namespace: string;
}

/** The labels of each given namespace as last seen (`{}` when never seen), keyed `cluster/namespace`. */
export async function getNamespaceLabels(db: Database, namespaces: readonly NamespaceRef[]): Promise<Map<string, Record<string, string>>> {
  const labels = new Map<string, Record<string, string>>(namespaces.map((n) => [`${n.cluster}/${n.namespace}`, {}]));
  if (namespaces.length === 0) return labels;
  const rows = await db.prisma.$queryRaw<{ cluster: string; namespace: string; labels: Record<string, string> | null }[]>`
    SELECT c.name AS cluster, n.name AS namespace, n.labels
      FROM "namespace" n JOIN "cluster" c ON c.id = n.cluster_id
     WHERE (c.name, n.name) IN (SELECT * FROM unnest(${namespaces.map((n) => n.cluster)}::text[], ${namespaces.map((n) => n.namespace)}::text[]))`;
  for (const r of rows) labels.set(`${r.cluster}/${r.namespace}`, r.labels ?? {});
  return labels;
}
