import { describe, expect, test } from 'vitest';
import { attributeTeam, DEFAULT_ATTRIBUTION } from '../../lib/cost/attribution';

const config = { labelKeys: ['team', 'owner'], namespaceTeams: { 'legacy-reports': 'data', 'kube-system': 'platform' } };

describe('attributeTeam: first match wins', () => {
  test.each([
    ['pod label team', { team: 'checkout', owner: 'x' }, 'shop', { team: 'search' }, 'checkout', 'pod-label'],
    ['pod label owner before namespace label team', { owner: 'data' }, 'shop', { team: 'search' }, 'data', 'pod-label'],
    ['namespace label when the pod has none', {}, 'shop', { team: 'search' }, 'search', 'namespace-label'],
    ['namespace owner label', { app: 'x' }, 'shop', { owner: 'payments' }, 'payments', 'namespace-label'],
    ['config namespace map last', {}, 'legacy-reports', {}, 'data', 'namespace-map'],
    ['an empty label value does not count', { team: '' }, 'kube-system', { team: '' }, 'platform', 'namespace-map'],
    ['nothing matches', {}, 'default', {}, 'unassigned', 'unassigned'],
  ])('%s', (_name, podLabels, namespace, namespaceLabels, team, source) => {
    expect(attributeTeam(podLabels, namespace, namespaceLabels, config)).toEqual({ team, source });
  });

  test('configurable keys: only the keys given are read', () => {
    const custom = { ...DEFAULT_ATTRIBUTION, labelKeys: ['cost-center'] };
    expect(attributeTeam({ team: 'x', 'cost-center': 'cc-42' }, 'ns', {}, custom).team).toBe('cc-42');
    expect(attributeTeam({ team: 'x' }, 'ns', {}, custom).team).toBe('unassigned');
  });
});
