import { describe, expect, test } from 'vitest';
import { nodeIdle, splitNodePrice } from '../../lib/cost';
import { shareNodeIdle } from '../../lib/cost/idle';

const prices = splitNodePrice(0.2, 4, 16, 0);
const gpuPrices = splitNodePrice(0.526, 4, 16, 1);
const node = { ...prices, cpuCores: 4, memoryGiB: 16, gpus: 0, durationSeconds: 3600 };
const cpuNodeUsd = 4 * prices.usdPerCoreHour;
const ramNodeUsd = 16 * prices.usdPerGiBHour;

describe('nodeIdle: node cost − allocated, per resource, never below zero', () => {
  test.each([
    ['nothing allocated: all idle', node, { cpuCostUsd: 0, ramCostUsd: 0, gpuCostUsd: 0 }, { cpuIdleUsd: cpuNodeUsd, ramIdleUsd: ramNodeUsd, gpuIdleUsd: 0, idleUsd: 0.2 }, { cpu: false, ram: false, gpu: false }],
    ['some allocated', node, { cpuCostUsd: 0.05, ramCostUsd: 0.01, gpuCostUsd: 0 }, { cpuIdleUsd: cpuNodeUsd - 0.05, ramIdleUsd: ramNodeUsd - 0.01, idleUsd: 0.14 }, { cpu: false, ram: false, gpu: false }],
    ['RAM over-allocated: clamped and flagged', node, { cpuCostUsd: 0.05, ramCostUsd: 0.5, gpuCostUsd: 0 }, { cpuIdleUsd: cpuNodeUsd - 0.05, ramIdleUsd: 0 }, { cpu: false, ram: true, gpu: false }],
    ['exactly full (float noise) is not flagged', node, { cpuCostUsd: cpuNodeUsd * (1 + 1e-15), ramCostUsd: ramNodeUsd, gpuCostUsd: 0 }, { cpuIdleUsd: 0, ramIdleUsd: 0, idleUsd: 0 }, { cpu: false, ram: false, gpu: false }],
    ['half an hour running', { ...node, durationSeconds: 1800 }, { cpuCostUsd: 0, ramCostUsd: 0, gpuCostUsd: 0 }, { nodeCostUsd: 0.1, idleUsd: 0.1 }, { cpu: false, ram: false, gpu: false }],
    ['GPU node, GPU idle', { ...gpuPrices, cpuCores: 4, memoryGiB: 16, gpus: 1, durationSeconds: 3600 }, { cpuCostUsd: 0, ramCostUsd: 0, gpuCostUsd: 0 }, { nodeCostUsd: 0.526, gpuIdleUsd: gpuPrices.usdPerGpuHour }, { cpu: false, ram: false, gpu: false }],
    ['GPU requested on a node without GPUs: flagged', node, { cpuCostUsd: 0, ramCostUsd: 0, gpuCostUsd: 0.95 }, { gpuIdleUsd: 0, nodeCostUsd: 0.2 }, { cpu: false, ram: false, gpu: true }],
  ])('%s', (_name, nodeHour, allocatedCost, expected, clamped) => {
    const idle = nodeIdle(nodeHour, allocatedCost);
    for (const [field, value] of Object.entries(expected)) expect(idle[field as keyof typeof expected]).toBeCloseTo(value, 12);
    expect(idle.clamped).toEqual(clamped);
    expect(idle.idleUsd).toBeCloseTo(idle.cpuIdleUsd + idle.ramIdleUsd + idle.gpuIdleUsd, 15);
  });

  test('node cost is the hourly price × hours', () => {
    expect(nodeIdle({ ...node, durationSeconds: 86_400 }, { cpuCostUsd: 0, ramCostUsd: 0, gpuCostUsd: 0 }).nodeCostUsd).toBeCloseTo(4.8, 12);
  });
});

describe('shareNodeIdle: idle spread per resource by cost', () => {
  const idle = { nodeCostUsd: 20, cpuIdleUsd: 5, ramIdleUsd: 2, gpuIdleUsd: 1, idleUsd: 8, clamped: { cpu: false, ram: false, gpu: false } };
  test.each([
    ['CPU by CPU cost, RAM by RAM cost', [{ cpuCostUsd: 1, ramCostUsd: 1, gpuCostUsd: 0 }, { cpuCostUsd: 3, ramCostUsd: 0, gpuCostUsd: 0 }],
      [{ cpuCostUsd: 1.25, ramCostUsd: 2, gpuCostUsd: 0 }, { cpuCostUsd: 3.75, ramCostUsd: 0, gpuCostUsd: 0 }], { cpuCostUsd: 0, ramCostUsd: 0, gpuCostUsd: 1 }],
    ['nothing on the node: all unshared', [], [], { cpuCostUsd: 5, ramCostUsd: 2, gpuCostUsd: 1 }],
  ])('%s', (_name, allocations, shares, unshared) => {
    expect(shareNodeIdle(idle, allocations)).toEqual({ shares, unshared });
  });
});
