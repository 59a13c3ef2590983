import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ConfigError } from '../../lib/config/errors';
import { DEFAULT_CONFIG, type TallyConfig } from '../../lib/config/schema';
import { ConfigStore } from '../../lib/config/store';

/** Polls `check` every 25 ms until it holds or `timeoutMs` passes. */
async function waitFor(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const discount = (percent: number) => `pricing:\n  discountPercent: ${percent}\n`;

describe('ConfigStore', () => {
  let dir: string;
  let path: string;
  const stores: ConfigStore[] = [];
  const open = (...args: ConstructorParameters<typeof ConfigStore>) => {
    const store = new ConfigStore(...args);
    stores.push(store);
    return store;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tally-store-'));
    path = join(dir, 'tally.yaml');
  });
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('no path: the defaults, and reload is a no-op', () => {
    const store = open(undefined);
    expect(store.current()).toEqual(DEFAULT_CONFIG);
    expect(store.reload()).toEqual({ ok: true });
    store.watch();
    store.close();
  });

  test.each([
    ['invalid', 'retention:\n  rawSamplesDays: 0\n', ConfigError, ':2:19: retention.rawSamplesDays'],
    ['missing', undefined, Error, 'does not exist'],
  ])('the first load failing (%s file) throws: Tally refuses to start', (_what, text, kind, message) => {
    if (text !== undefined) writeFileSync(path, text);
    expect(() => open(path)).toThrow(kind);
    expect(() => open(path)).toThrow(message);
  });

  test('reload keeps the last good config when the file becomes invalid, and takes a valid change', () => {
    writeFileSync(path, discount(10));
    const errors: Error[] = [];
    const changes: TallyConfig[] = [];
    const store = open(path, { onError: (e) => errors.push(e), onChange: (c) => changes.push(c) });
    expect(store.current().pricing.discountPercent).toBe(10);

    writeFileSync(path, discount(150));
    const refused = store.reload();
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toBeInstanceOf(ConfigError);
    expect(errors.map((e) => e.message)).toEqual([`${path}:2:20: pricing.discountPercent: must be at most 100`]);
    expect(store.current().pricing.discountPercent).toBe(10);

    rmSync(path);
    expect(store.reload().ok).toBe(false);
    expect(errors[1]?.message).toContain('does not exist');
    expect(store.current().pricing.discountPercent).toBe(10);

    writeFileSync(path, discount(20));
    expect(store.reload()).toEqual({ ok: true });
    expect(store.current().pricing.discountPercent).toBe(20);
    expect(changes.map((c) => c.pricing.discountPercent)).toEqual([20]);
  });

  test('watch() reloads on change, refuses an invalid version, and close() stops it', async () => {
    writeFileSync(path, discount(1));
    const errors: Error[] = [];
    const store = open(path, { onError: (e) => errors.push(e) });
    store.watch();
    store.watch(); // idempotent

    writeFileSync(path, discount(2));
    await waitFor(() => store.current().pricing.discountPercent === 2);

    writeFileSync(path, 'pricing:\n  discountPercent: [\n');
    await waitFor(() => errors.length > 0);
    expect(errors[0]).toBeInstanceOf(ConfigError);
    expect(store.current().pricing.discountPercent).toBe(2);

    // An editor's atomic save: write a temp file, rename it over the config.
    writeFileSync(join(dir, 'tally.yaml.tmp'), discount(3));
    renameSync(join(dir, 'tally.yaml.tmp'), path);
    await waitFor(() => store.current().pricing.discountPercent === 3);

    store.close();
    writeFileSync(path, discount(4));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(store.current().pricing.discountPercent).toBe(3);
  });

  test('watch() debounces a burst of writes into one reload', async () => {
    writeFileSync(path, discount(1));
    const changes: number[] = [];
    const store = open(path, { onChange: (c) => changes.push(c.pricing.discountPercent) });
    store.watch();
    for (let percent = 2; percent <= 6; percent++) writeFileSync(path, discount(percent));
    await waitFor(() => store.current().pricing.discountPercent === 6);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(changes).toEqual([6]);
  });
});
