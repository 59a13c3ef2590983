import { describe, expect, test } from 'vitest';
import { attributeTeam, DEFAULT_ATTRIBUTION } from '../../lib/cost/attribution';

const config = { labelKeys: ['team', 'owner'], namespaceTeams: { 'legacy-reports': 'data', 'kube-system': 'platform' } };

describe('attributeTeam: first match wins', () => {
  test.each([
    ['pod label team', { team: 'checkout', owner: 'x' }, 'shop', { team: 'search' }, { team: 'checkout', source: 'pod-label', key: 'team' }],
    ['pod label owner before namespace label team', { owner: 'data' }, 'shop', { team: 'search' }, { team: 'data', source: 'pod-label', key: 'owner' }],
    ['namespace label when the pod has none', {}, 'shop', { team: 'search' }, { team: 'search', source: 'namespace-label', key: 'team' }],
    ['namespace owner label', { app: 'x' }, 'shop', { owner: 'payments' }, { team: 'payments', source: 'namespace-label', key: 'owner' }],
    ['config namespace map last', {}, 'legacy-reports', {}, { team: 'data', source: 'namespace-map' }],
    ['an empty label value does not count', { team: '' }, 'kube-system', { team: '' }, { team: 'platform', source: 'namespace-map' }],
    ['nothing matches', {}, 'default', {}, { team: 'unassigned', source: 'unassigned' }],
  ])('%s', (_name, podLabels, namespace, namespaceLabels, expected) => {
    expect(attributeTeam(podLabels, namespace, namespaceLabels, config)).toEqual(expected);
  });

  test('configurable keys: only the keys given are read', () => {
    const custom = { ...DEFAULT_ATTRIBUTION, labelKeys: ['cost-center'] };
    expect(attributeTeam({ team: 'x', 'cost-center': 'cc-42' }, 'ns', {}, custom).team).toBe('cc-42');
    expect(attributeTeam({ team: 'x' }, 'ns', {}, custom).team).toBe('unassigned');
  });
});
