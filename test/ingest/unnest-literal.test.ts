import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../lib/db/client';
import { arrayLiteral } from '../../lib/ingest/unnest';
import { BACKENDS } from '../helpers/backends';

const TEXTS = ['plain', '', 'NULL', 'null', 'with "quotes"', 'back\\slash', 'a,b', '{braces}', ' spaced ', 'ünïcödé 🚀', '{"json":"te\\"xt"}', null];

describe.each(BACKENDS)('array literals from JSON.stringify, on $name', (backend) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
  });
  afterAll(async () => cleanup?.());
  // The literal and the driver's own array serialization give the database the same array.
  const same = async (type: string, values: (string | number | boolean | null)[]) =>
    db.session(async (s) => {
      const [row] = await s.query<{ same: boolean; n: number }>(
        `SELECT $1::${type}[] IS NOT DISTINCT FROM $2::${type}[] AS same, cardinality($1::${type}[]) AS n`,
        [arrayLiteral(values), values],
      );
      return row!.same && Number(row!.n) === values.length;
    });

  test('text, with every character the array syntax quotes, reads back as written', async () => {
    expect(typeof arrayLiteral(TEXTS)).toBe('string');
    expect(await same('text', TEXTS)).toBe(true);
    expect(await same('jsonb', [JSON.stringify({ a: 'x"y\\z', b: [1, null] }), null])).toBe(true);
  });

  test('numbers, booleans and nulls', async () => {
    expect(await same('int8', [0, -1, 2 ** 53 - 1, null])).toBe(true);
    expect(await same('int4', [7, null])).toBe(true);
    expect(await same('bool', [true, false, null])).toBe(true);
    expect(await same('float8', [1.5, -0.25, 1e-7, null])).toBe(true);
    expect(await same('timestamptz', ['2026-11-25T12:00:00.000Z', null])).toBe(true);
    expect(await same('text', [])).toBe(true);
  });

  test('control characters, lone surrogates and NaN are left to pg', async () => {
    const odd = ['line\nbreak', 'tab\t', 'lone \ud800', 'lone \udc00 low'];
    expect(arrayLiteral(odd)).toBe(odd);
    for (const one of odd) expect(arrayLiteral([one])).toEqual([one]);
    expect(arrayLiteral([Number.NaN])).toEqual([Number.NaN]);
    expect(await same('text', odd.slice(0, 2))).toBe(true);
  });
});
