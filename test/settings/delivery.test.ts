import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, type TallyConfig } from '../../lib/config/schema';
import { deliverySettings } from '../../lib/settings/delivery';

describe('deliverySettings', () => {
  test('defaults: 24 h failure window, 30 min crash window, the built-in commit keys, DORA 2024', () => {
    expect(deliverySettings(DEFAULT_CONFIG)).toEqual({
      settings: { failureWindowMs: 86_400_000, crashWindowMs: 1_800_000, commitTimeKeys: ['tally.dev/commit-time', 'org.opencontainers.image.created'] },
      doraYear: 2024,
    });
  });

  test('configured keys come after the built-in ones, without repeats; windows converted to ms', () => {
    const config: TallyConfig = {
      ...structuredClone(DEFAULT_CONFIG),
      delivery: { failureWindowHours: 2, crashWindowMinutes: 5, commitTimeAnnotations: ['ci/committed-at', 'tally.dev/commit-time'], doraYear: 2023 },
    };
    expect(deliverySettings(config)).toEqual({
      settings: { failureWindowMs: 7_200_000, crashWindowMs: 300_000, commitTimeKeys: ['tally.dev/commit-time', 'org.opencontainers.image.created', 'ci/committed-at'] },
      doraYear: 2023,
    });
  });
});
