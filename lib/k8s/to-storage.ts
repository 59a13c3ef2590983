/** Pure mapping of PersistentVolumes and PersistentVolumeClaims to records (bytes, ceil). */
import { describeObject, readQuantity, type Warn } from './mapping';
import type { K8sPersistentVolume, K8sPersistentVolumeClaim } from './objects';
import { toBytes } from './quantity';
import type { PersistentVolumeClaimRecord, PersistentVolumeRecord } from './types';

/**
 * PersistentVolume → record: `spec.capacity.storage` in bytes (ceil), storage class (empty →
 * null), phase and bound claim (`spec.claimRef`). A missing or malformed capacity skips the
 * volume (null) with a warning: an unsized volume cannot be priced.
 */
export function toPersistentVolumeRecord(pv: K8sPersistentVolume, warn: Warn): PersistentVolumeRecord | null {
  const meta = pv.metadata;
  const where = describeObject('persistentvolume', meta);
  if (!meta?.name) {
    warn(`${where}: skipped, no metadata.name`);
    return null;
  }
  const text = pv.spec?.capacity?.storage;
  const capacityBytes = readQuantity(toBytes, text, where, 'capacity storage', warn);
  if (capacityBytes === null) {
    if (text === undefined) warn(`${where}: skipped, no capacity storage`);
    return null;
  }
  return {
    name: meta.name,
    capacityBytes,
    storageClass: pv.spec?.storageClassName || null,
    phase: pv.status?.phase ?? null,
    claimNamespace: pv.spec?.claimRef?.namespace ?? null,
    claimName: pv.spec?.claimRef?.name ?? null,
  };
}

/**
 * PersistentVolumeClaim → record: requested bytes (`spec.resources.requests.storage`, ceil),
 * bound bytes (`status.capacity.storage`, null while pending or when malformed, warned), storage
 * class and volume (empty → null), phase. A missing or malformed request skips the claim (null)
 * with a warning. No namespace → `default`.
 */
export function toPersistentVolumeClaimRecord(pvc: K8sPersistentVolumeClaim, warn: Warn): PersistentVolumeClaimRecord | null {
  const meta = pvc.metadata;
  const where = describeObject('persistentvolumeclaim', meta);
  if (!meta?.name) {
    warn(`${where}: skipped, no metadata.name`);
    return null;
  }
  const text = pvc.spec?.resources?.requests?.storage;
  const requestedBytes = readQuantity(toBytes, text, where, 'requested storage', warn);
  if (requestedBytes === null) {
    if (text === undefined) warn(`${where}: skipped, no requested storage`);
    return null;
  }
  return {
    namespace: meta.namespace || 'default',
    name: meta.name,
    requestedBytes,
    capacityBytes: readQuantity(toBytes, pvc.status?.capacity?.storage, where, 'capacity storage', warn),
    storageClass: pvc.spec?.storageClassName || null,
    volumeName: pvc.spec?.volumeName || null,
    phase: pvc.status?.phase ?? null,
  };
}
