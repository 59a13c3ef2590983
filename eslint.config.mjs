// ESLint (flat config): typescript-eslint and Next's rules over app, lib, jobs, bench and test,
// plus the pure-module boundary of DESIGN.md as lint rules (`npm run lint`; run by .ci/run).
import { builtinModules } from 'node:module';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

/** Pure domain modules: no database, Kubernetes, Next.js or Node I/O (later ones included). */
const PURE_MODULES = ['lib/cost/**', 'lib/capacity/**', 'lib/delivery/**'];

/** lib/k8s mapping modules: run on fixtures alone, so they import only each other at runtime. */
const PURE_K8S = ['quantity', 'node-labels', 'owners', 'owner-lookups', 'mapping', 'objects', 'to-snapshot', 'to-storage', 'to-usage', 'to-scheduling'];
const PURE_K8S_RUNTIME_TARGETS = ['quantity', 'node-labels', 'owners', 'mapping', 'to-storage', 'to-usage', 'to-scheduling'];

const bareBuiltins = builtinModules.filter((name) => !name.startsWith('_'));
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** What no pure module may import (side-effect imports and `export … from` included). */
const IMPURE_IMPORTS = [
  { regex: '^(pg|pg-.*|@prisma/.*|@electric-sql/.*|pglite-prisma-adapter)$', message: 'a pure module imports no database driver: take plain values from lib/ingest or lib/queries' },
  { regex: '^(@/lib/db|(\\.\\./)+db)(/.*)?$', message: 'a pure module imports no database (lib/db)' },
  { regex: '^@kubernetes/', message: 'a pure module imports no Kubernetes client' },
  { regex: '^(@/lib/k8s|(\\.\\./)+k8s)(/.*)?$', message: 'a pure module imports no Kubernetes module (lib/k8s)' },
  { regex: '^(next|react|react-dom)(/.*)?$', message: 'a pure module imports no Next.js or React' },
  { regex: '^node:', message: 'a pure module imports no Node.js module (no I/O, clock or environment)' },
  { regex: `^(${bareBuiltins.map(escape).join('|')})(/.*)?$`, message: 'a pure module imports no Node.js module (no I/O, clock or environment)' },
];

/** What a pure module may not read: the clock, randomness, the environment, code loaded at run time. */
const IMPURE_SYNTAX = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'a pure module reads no clock: take `now` as an argument' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'a pure module reads no clock: take `now` as an argument' },
  { selector: "CallExpression[callee.name='Date']", message: 'a pure module reads no clock: take `now` as an argument' },
  { selector: "MemberExpression[object.name='performance'][property.name='now']", message: 'a pure module reads no clock' },
  { selector: 'ImportExpression', message: 'a pure module loads no code at run time (no dynamic import)' },
  { selector: "CallExpression[callee.name='require']", message: 'a pure module loads no code at run time (no require)' },
];
const IMPURE_GLOBALS = [
  { name: 'process', message: 'a pure module reads no environment: take settings as arguments' },
  { name: 'fetch', message: 'a pure module does no I/O' },
];
const IMPURE_PROPERTIES = [{ object: 'Math', property: 'random', message: 'a pure module is deterministic: take randomness (a seed) as an argument' }];

const config = [
  { ignores: ['.next/**', '.tally/**', '.bench/**', 'node_modules/**', 'lib/db/generated/**', 'next-env.d.ts', 'test-results/**', 'public/**'] },
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-unused-expressions': 'error',
    },
  },
  {
    // CommonJS entry points (the CLI's bin, which must run before any TypeScript loader).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: PURE_MODULES,
    rules: {
      'no-restricted-imports': ['error', { patterns: IMPURE_IMPORTS }],
      'no-restricted-syntax': ['error', ...IMPURE_SYNTAX],
      'no-restricted-globals': ['error', ...IMPURE_GLOBALS],
      'no-restricted-properties': ['error', ...IMPURE_PROPERTIES],
    },
  },
  {
    // lib/cost imports nothing outside itself: only sibling modules, extensionless.
    files: ['lib/cost/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...IMPURE_IMPORTS, { regex: '^(?!\\./[\\w-]+$)', message: 'lib/cost imports only its own modules (./name)' }] }],
      'max-lines': ['error', { max: 200, skipBlankLines: false, skipComments: false }],
    },
  },
  {
    // lib/delivery likewise: only sibling modules, extensionless, files readable in one sitting.
    files: ['lib/delivery/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...IMPURE_IMPORTS, { regex: '^(?!\\./[\\w-]+$)', message: 'lib/delivery imports only its own modules (./name)' }] }],
      'max-lines': ['error', { max: 200, skipBlankLines: false, skipComments: false }],
    },
  },
  {
    files: PURE_K8S.map((name) => `lib/k8s/${name}.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...IMPURE_IMPORTS.map((p) => ({ ...p, allowTypeImports: true })),
            {
              regex: `^(?!\\./(${PURE_K8S_RUNTIME_TARGETS.join('|')})$)`,
              allowTypeImports: true,
              message: 'lib/k8s mapping modules run on fixtures alone: at run time they import only each other (`import type` is fine)',
            },
          ],
        },
      ],
      'no-restricted-syntax': ['error', IMPURE_SYNTAX.find((s) => s.selector === 'ImportExpression')],
    },
  },
];

export default config;
