/**
 * The onboarding scenario (issue 9, platform time to market): every ONBOARDING_EVERY_MS the
 * checkout team opens a new service namespace (a Tuesday, 10:00–12:00 UTC) and creates its first
 * Deployment 3–6 h later. The organisation holds the latest one created at least
 * ONBOARDING_MIN_AGE_MS before the cluster's clock at start, so a 30-day backfill ending then
 * sees the namespace appear and its first deployment roll out. Pure: (seed, instant) → plan.
 */
import { CATALOG_ONBOARDING } from './catalog-data';
import { DAY_MS, HOUR_MS, MINUTE_MS, ORG_CREATED_MS } from './calendar';
import { hash32 } from './random';

/** A new namespace every two weeks. */
export const ONBOARDING_EVERY_MS = 14 * DAY_MS;
/** The namespace in the plan is at least this old at the clock's start (its first deployment has shipped). */
export const ONBOARDING_MIN_AGE_MS = 2 * DAY_MS;

export interface Onboarding {
  /** Cycle number since the organisation's creation. */
  cycle: number;
  namespace: string;
  /** The new service: the namespace is `<team>-<service>`, its Deployment `<service>-api`. */
  service: string;
  team: string;
  createdMs: number;
  /** Creation of the namespace's first Deployment (revision 1 rolls out then). */
  firstDeploymentMs: number;
}

/** Onboarding of cycle `k`: the namespace name, its creation and its first Deployment's. */
export function onboardingOfCycle(seed: number, cycle: number): Onboarding {
  const services = CATALOG_ONBOARDING.services;
  const service = services[cycle % services.length] ?? 'service';
  const namespace = `${CATALOG_ONBOARDING.team}-${service}`;
  // Day 1 of the cycle: the organisation was created on a Monday, so a Tuesday.
  const createdMs = ORG_CREATED_MS + cycle * ONBOARDING_EVERY_MS + DAY_MS + HOUR_MS + (hash32(seed, 'onboarding', cycle) % 120) * MINUTE_MS;
  const firstDeploymentMs = createdMs + 3 * HOUR_MS + (hash32(seed, 'onboarding-deploy', cycle) % 180) * MINUTE_MS;
  return { cycle, namespace, service, team: CATALOG_ONBOARDING.team, createdMs, firstDeploymentMs };
}

/** The latest onboarding created at least ONBOARDING_MIN_AGE_MS before `startMs`, or null before the first. */
export function onboardingBefore(seed: number, startMs: number): Onboarding | null {
  let cycle = Math.floor((startMs - ONBOARDING_MIN_AGE_MS - ORG_CREATED_MS) / ONBOARDING_EVERY_MS);
  while (cycle >= 0 && onboardingOfCycle(seed, cycle).createdMs > startMs - ONBOARDING_MIN_AGE_MS) cycle -= 1;
  return cycle >= 0 ? onboardingOfCycle(seed, cycle) : null;
}
