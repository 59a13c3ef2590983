import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

// The pure-module boundary is a lint rule (eslint.config.mjs). ESLint lints each snippet as if it
// were a file at that path, so these show the rule fires (side-effect imports included) and
// that what is allowed stays allowed.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: ROOT, errorOnUnmatchedPattern: false }); // lib/capacity and lib/delivery may not exist yet

async function lint(filePath: string, code: string): Promise<{ ruleId: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${filePath}` });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map(({ ruleId, message }) => ({ ruleId, message }));
}

const PURE = ['lib/cost/probe.ts', 'lib/capacity/probe.ts', 'lib/delivery/probe.ts'];
const FORBIDDEN: Array<[string, string, RegExp]> = [
  ['a database driver', "import pg from 'pg';\nexport const p = pg;", /no database driver/],
  ['a database driver as a side-effect import', "import 'pg';", /no database driver/],
  ['Prisma, re-exported', "export * from '@prisma/client';", /no database driver/],
  ['PGlite', "import { PGlite } from '@electric-sql/pglite';\nexport const p = PGlite;", /no database driver/],
  ['the PGlite adapter', "import 'pglite-prisma-adapter';", /no database driver/],
  ['lib/db, relative', "import { openDatabase } from '../db/client';\nexport const o = openDatabase;", /no database \(lib\/db\)/],
  ['lib/db, by alias, types only', "import type { Database } from '@/lib/db/client';\nexport type D = Database;", /no database \(lib\/db\)/],
  ['the Kubernetes client', "import * as k8s from '@kubernetes/client-node';\nexport const k = k8s;", /no Kubernetes client/],
  ['lib/k8s', "import { parseQuantity } from '../k8s/quantity';\nexport const q = parseQuantity;", /no Kubernetes module/],
  ['Next.js', "import { NextResponse } from 'next/server';\nexport const n = NextResponse;", /no Next\.js/],
  ['next itself, side effect', "import 'next';", /no Next\.js/],
  ['React', "import { useState } from 'react';\nexport const u = useState;", /no Next\.js or React/],
  ['a node: module', "export { readFileSync } from 'node:fs';", /no Node\.js module/],
  ['a bare builtin', "import { readFileSync } from 'fs';\nexport const r = readFileSync;", /no Node\.js module/],
  ['a bare builtin subpath, side effect', "import 'fs/promises';", /no Node\.js module/],
  ['the clock', 'export const t = Date.now();', /reads no clock/],
  ['the clock, as new Date()', 'export const t = new Date();', /reads no clock/],
  ['randomness', 'export const r = Math.random();', /deterministic/],
  ['the environment', 'export const e = process.env.HOME;', /reads no environment/],
  ['a dynamic import', "export const m = () => import('./rates');", /no dynamic import/],
];

describe('pure modules (lib/cost, lib/capacity, lib/delivery) import no I/O', () => {
  test.each(PURE.flatMap((file) => FORBIDDEN.map(([what, code, message]) => [file, what, code, message] as const)))(
    '%s: %s is an error',
    async (file, _what, code, message) => {
      const errors = await lint(file, code);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.map((e) => e.message).join('\n')).toMatch(message);
    },
  );

  test.each([
    ['lib/cost/probe.ts', "import { DEFAULT_RATES } from './rates';\nexport const r = DEFAULT_RATES;"],
    ['lib/cost/probe.ts', 'export const at = (ms: number) => new Date(ms);'],
    ['lib/capacity/probe.ts', "import { DEFAULT_RATES } from '../cost/rates';\nexport const r = DEFAULT_RATES;"],
    ['lib/ingest/probe.ts', "import pg from 'pg';\nimport { readFileSync } from 'node:fs';\nexport const x = [pg, readFileSync, Date.now()];"],
  ])('%s may: %s', async (file, code) => expect(await lint(file, code)).toEqual([]));

  test('lib/cost imports only its own modules', async () => {
    expect((await lint('lib/cost/probe.ts', "import { x } from '../allocation/compute';\nexport const y = x;")).map((e) => e.message)).toEqual([
      expect.stringMatching(/lib\/cost imports only its own modules/),
    ]);
  });

  test('lib/delivery imports only its own modules', async () => {
    expect((await lint('lib/delivery/probe.ts', "import { x } from '../cost/rates';\nexport const y = x;")).map((e) => e.message)).toEqual([
      expect.stringMatching(/lib\/delivery imports only its own modules/),
    ]);
    expect(await lint('lib/delivery/probe.ts', "import { quantile } from './summary';\nexport const q = quantile;")).toEqual([]);
  });

  test('a lib/delivery file stays readable in one sitting (≤ 200 lines)', async () => {
    const code = Array.from({ length: 201 }, (_, i) => `export const v${i} = ${i};`).join('\n');
    expect((await lint('lib/delivery/probe.ts', code)).map((e) => e.ruleId)).toEqual(['max-lines']);
  });

  test('a lib/cost file stays readable in one sitting (≤ 200 lines)', async () => {
    const code = Array.from({ length: 201 }, (_, i) => `export const v${i} = ${i};`).join('\n');
    expect((await lint('lib/cost/probe.ts', code)).map((e) => e.ruleId)).toEqual(['max-lines']);
  });

  test('no `any`, anywhere', async () => {
    expect((await lint('lib/ingest/probe.ts', 'export const f = (x: any) => x;')).map((e) => e.ruleId)).toEqual(['@typescript-eslint/no-explicit-any']);
  });
});

describe('lib/k8s mapping modules import only each other at run time', () => {
  test.each([
    ["import { KubeConfig } from '@kubernetes/client-node';\nexport const k = KubeConfig;", /no Kubernetes client/],
    ["import { readFileSync } from 'node:fs';\nexport const r = readFileSync;", /no Node\.js module/],
    ["import { openDatabase } from '../db/client';\nexport const o = openDatabase;", /no database/],
    ["import { listAll } from './client';\nexport const l = listAll;", /import only each other/],
  ])('lib/k8s/to-snapshot.ts: %s is an error', async (code, message) => {
    expect((await lint('lib/k8s/to-snapshot.ts', code)).map((e) => e.message).join('\n')).toMatch(message);
  });

  test.each([
    "import type { KubeConfig } from '@kubernetes/client-node';\nexport type K = KubeConfig;",
    "import { parseQuantity } from './quantity';\nexport const q = parseQuantity;",
  ])('lib/k8s/to-snapshot.ts may: %s', async (code) => expect(await lint('lib/k8s/to-snapshot.ts', code)).toEqual([]));

  test('lib/k8s/client.ts (I/O) may import the Kubernetes client', async () => {
    expect(await lint('lib/k8s/client.ts', "import { KubeConfig } from '@kubernetes/client-node';\nexport const k = KubeConfig;")).toEqual([]);
  });
});

test('the pure modules in the tree keep the boundary', async () => {
  const results = await eslint.lintFiles(['lib/cost/**/*.ts', 'lib/capacity/**/*.ts', 'lib/delivery/**/*.ts', 'lib/k8s/*.ts']);
  expect(results.length).toBeGreaterThan(10);
  expect(results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}:${m.line} ${m.message}`))).toEqual([]);
});
