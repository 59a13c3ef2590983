import { describe, expect, test } from 'vitest';
import { parseAllocationParams, type AllocationDefaults } from '../../lib/allocation/params';
import { AppError } from '../../lib/util/errors';

const NOW = Date.UTC(2026, 10, 28, 14, 25);
const DEFAULTS: AllocationDefaults = { shareNamespaces: ['kube-system'], shareLabels: [], shareSplit: 'weighted', overheadUsdPerMonth: 730, invoices: [{ cluster: 'prod', month: '2026-11', totalUsd: 1000 }] };
const parse = (query: string) => parseAllocationParams(new URLSearchParams(query), NOW, DEFAULTS);

describe('GET /api/v1/allocation parameters', () => {
  test('OpenCost defaults: no idle line, weighted split, shared namespaces, overhead and invoices from tally.yaml', () => {
    const p = parse('window=7d');
    expect(p).toMatchObject({ aggregate: [], idle: 'none', idleScope: 'node', shareSplit: 'weighted', shareNamespaces: ['kube-system'], overheadUsdPerMonth: 730, format: 'json', stepMs: undefined });
    expect(p.invoices).toHaveLength(1);
  });

  test.each([
    ['window=7d&aggregate=namespace,label:app', { aggregate: ['namespace', 'label:app'] }],
    ['window=7d&includeIdle=true', { idle: 'separate' }],
    ['window=7d&shareIdle=true&includeIdle=false', { idle: 'share' }],
    ['window=7d&shareIdle=1&idleByNode=false', { idle: 'share', idleScope: 'cluster' }],
    ['window=7d&step=1d', { stepMs: 86_400_000 }],
    ['window=7d&step=1d&accumulate=true', { stepMs: undefined }],
    ['window=7d&shareNamespaces=', { shareNamespaces: [] }],
    ['window=7d&shareNamespaces=kube-system,monitoring&shareSplit=even', { shareNamespaces: ['kube-system', 'monitoring'], shareSplit: 'even' }],
    ['window=7d&shareLabels=tier:shared', { shareLabels: [{ key: 'tier', value: 'shared' }] }],
    ['window=7d&reconcile=false', { invoices: [] }],
    ['window=7d&format=csv', { format: 'csv' }],
  ])('%s', (query, expected) => expect(parse(query)).toMatchObject(expected));

  test.each([
    ['', /^window: is required/],
    ['window=soon', /^window: "soon" is not a window/],
    ['window=7d&aggregate=namespace,colour', /^aggregate: unknown property "colour"/],
    ['window=7d&step=5x', /^step: /],
    ['window=90d&step=1h', null],
    ['window=400d&step=1h', /^step: more than 2400 steps/],
    ['window=7d&includeIdle=yes', /^includeIdle: must be true or false/],
    ['window=7d&shareSplit=random', /^shareSplit: /],
    ['window=7d&format=xml', /^format: /],
    ['window=7d&filter=namespace:shop', /^filter: namespace: value shop must be in double quotes/],
    ['window=7d&shareLabels=nolabel', /^shareLabels: /],
  ])('%j → 400 naming the parameter (%s)', (query, message) => {
    if (message === null) return expect(() => parse(query)).not.toThrow();
    let error: unknown;
    try {
      parse(query);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID');
    expect((error as AppError).message).toMatch(message);
  });
});
