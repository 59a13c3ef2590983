import type { OwnerLink } from './types';

interface OwnedObject {
  metadata?: { name?: string; namespace?: string; ownerReferences?: { kind: string; name: string; controller?: boolean }[] };
}

/**
 * `namespace/name` → the controlling owner of each object (a ReplicaSet's Deployment, a Job's
 * CronJob). Objects without an owner are left out; `intern` shares the repeated kind and name strings.
 */
export function addOwnerLinks(target: Map<string, OwnerLink>, objects: OwnedObject[], intern: (s: string) => string = (s) => s): void {
  for (const object of objects) {
    const refs = object.metadata?.ownerReferences ?? [];
    const owner = refs.find((ref) => ref.controller) ?? refs[0];
    if (owner && object.metadata?.name) {
      target.set(`${object.metadata.namespace ?? ''}/${object.metadata.name}`, { kind: intern(owner.kind), name: intern(owner.name) });
    }
  }
}
