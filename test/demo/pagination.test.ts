import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CONTINUE_EXPIRED_MESSAGE } from '../../lib/demo/status';
import { type DemoCluster, type SimulatedClock, fixedClock, startDemoCluster } from '../../lib/demo/server';
import { WEDNESDAY_NOON, getJson, list, listAllPages, statusShape } from './helpers';

let cluster: DemoCluster;
let clock: SimulatedClock;

beforeAll(async () => {
  clock = fixedClock(WEDNESDAY_NOON);
  cluster = await startDemoCluster({ clock, continueTtlMs: 5 * 60_000 });
});
afterAll(() => cluster.close());

const keyOf = (item: { metadata: { name: string; namespace?: string } }) => `${item.metadata.namespace ?? ''}/${item.metadata.name}`;

describe('limit=2 over every page', () => {
  test.each(['/api/v1/pods', '/api/v1/nodes', '/api/v1/namespaces/checkout/pods', '/apis/apps/v1/replicasets', '/apis/batch/v1/jobs', '/apis/metrics.k8s.io/v1beta1/pods'])(
    '%s: no duplicates, no gaps, remainingItemCount right',
    async (path) => {
      const full = await list(cluster, path);
      const pages = await listAllPages(cluster, path, 2);
      const keys = pages.flatMap((p) => p.items.map(keyOf));
      expect(keys).toEqual(full.items.map(keyOf));
      expect(new Set(keys).size).toBe(keys.length);
      let seen = 0;
      pages.forEach((page, i) => {
        seen += page.items.length;
        const last = i === pages.length - 1;
        expect(page.items.length).toBe(last ? full.items.length - 2 * (pages.length - 1) : 2);
        if (last) {
          expect(page.metadata.continue).toBeUndefined();
          expect(page.metadata.remainingItemCount).toBeUndefined();
        } else {
          expect(page.metadata.continue).toMatch(/^[A-Za-z0-9_-]+$/);
          expect(page.metadata.remainingItemCount).toBe(full.items.length - seen);
        }
        if (!path.includes('metrics')) expect(page.metadata.resourceVersion).toBe(pages[0]?.metadata.resourceVersion);
      });
    },
  );

  test('the token is a real apiserver continue key', async () => {
    const page = await list(cluster, '/api/v1/namespaces/checkout/pods?limit=1');
    const decoded = JSON.parse(Buffer.from(page.metadata.continue ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(decoded).toEqual({ v: 'meta.k8s.io/v1', rv: Number(page.metadata.resourceVersion), start: `checkout/${page.items[0]?.metadata.name}\u0000` });
  });

  test('later pages come from the first page’s snapshot even when the organisation changed', async () => {
    const first = await list(cluster, '/api/v1/pods?limit=50');
    const all = await list(cluster, '/api/v1/pods');
    clock.advance(2 * 60_000);
    const changed = await list(cluster, '/api/v1/pods');
    expect(JSON.stringify(changed.items)).not.toBe(JSON.stringify(all.items));
    let token = first.metadata.continue;
    const keys = first.items.map(keyOf);
    while (token) {
      const page = await list(cluster, `/api/v1/pods?limit=50&continue=${encodeURIComponent(token)}`);
      keys.push(...page.items.map(keyOf));
      token = page.metadata.continue;
    }
    expect(keys).toEqual(all.items.map(keyOf));
    clock.set(WEDNESDAY_NOON);
  });
});

describe('continue errors', () => {
  test('a token older than the TTL → 410 Expired with the real message', async () => {
    const page = await list(cluster, '/api/v1/pods?limit=5');
    clock.advance(5 * 60_000 + 1000);
    const response = await getJson(cluster, `/api/v1/pods?limit=5&continue=${page.metadata.continue}`);
    clock.set(WEDNESDAY_NOON);
    expect(response.status).toBe(410);
    expect(response.body).toEqual({ ...statusShape(410, 'Expired'), message: CONTINUE_EXPIRED_MESSAGE });
    expect(CONTINUE_EXPIRED_MESSAGE).toBe(
      'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
    );
  });

  test('a token within the TTL still works', async () => {
    const page = await list(cluster, '/api/v1/pods?limit=5');
    clock.advance(4 * 60_000);
    const response = await getJson(cluster, `/api/v1/pods?limit=5&continue=${page.metadata.continue}`);
    clock.set(WEDNESDAY_NOON);
    expect(response.status).toBe(200);
  });

  test('faults.expireContinueTokens() invalidates tokens issued so far', async () => {
    const page = await list(cluster, '/api/v1/nodes?limit=3');
    cluster.faults.expireContinueTokens();
    clock.advance(1000);
    const expired = await getJson(cluster, `/api/v1/nodes?limit=3&continue=${page.metadata.continue}`);
    expect(expired.status).toBe(410);
    const fresh = await list(cluster, '/api/v1/nodes?limit=3');
    expect((await getJson(cluster, `/api/v1/nodes?limit=3&continue=${fresh.metadata.continue}`)).status).toBe(200);
    cluster.faults.clear();
    clock.set(WEDNESDAY_NOON);
  });

  test('a malformed token → 400 BadRequest', async () => {
    const response = await getJson(cluster, '/api/v1/pods?limit=5&continue=%%%');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ ...statusShape(400, 'BadRequest'), message: expect.stringMatching(/^continue key is not valid/) });
  });
});
