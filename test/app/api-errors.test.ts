import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { GET as allocation } from '../../app/api/v1/allocation/route';
import { openDatabase, type Database } from '../../lib/db/client';
import { setDatabase } from '../../lib/db/instance';
import { errorResponse } from '../../lib/http/errors';
import { redactSecrets } from '../../lib/http/redact';
import { AppError } from '../../lib/util/errors';

const PASSWORD = 'Sup3r-s3cret-pw';
// Nothing listens on this port (one of this worktree's own): every query fails to connect.
const DATABASE_URL = `postgresql://tally:${PASSWORD}@127.0.0.1:3219/tally`;
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6dGFsbHkifQ.c2lnbmF0dXJl';
const STATIC_TOKEN = 'kubetok-7f3a9c2e1b';

interface ErrorJson {
  error: { code: string; message: string; requestId: string };
}

describe('a failing API request: one log line with the cause and the request id, no secret', () => {
  let db: Database;
  let dir: string;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, KUBECONFIG: process.env.KUBECONFIG, TALLY_KUBE_TOKEN: process.env.TALLY_KUBE_TOKEN };
  let logged: string[];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tally-errors-'));
    const kubeconfig = path.join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      `apiVersion: v1\nkind: Config\nclusters: [{name: prod, cluster: {server: 'https://10.0.0.1:6443'}}]\n` +
        `users: [{name: tally, user: {token: ${TOKEN}}}]\ncontexts: [{name: prod, context: {cluster: prod, user: tally}}]\ncurrent-context: prod\n`,
    );
    process.env.DATABASE_URL = DATABASE_URL;
    process.env.KUBECONFIG = kubeconfig;
    process.env.TALLY_KUBE_TOKEN = STATIC_TOKEN;
    db = await openDatabase({ databaseUrl: DATABASE_URL });
    setDatabase(db);
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => vi.restoreAllMocks());
  const captureLog = () => {
    logged = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  };

  test('the database is unreachable: 500 INTERNAL, the id in body, header and the one log line', async () => {
    captureLog();
    const response = await allocation(new Request('http://127.0.0.1/api/v1/allocation?window=2026-11-25T00:00:00Z,2026-11-26T00:00:00Z'));
    expect(response.status).toBe(500);
    const body = (await response.json()) as ErrorJson;
    expect(body).toEqual({ error: { code: 'INTERNAL', message: 'internal error', requestId: expect.any(String) } });
    expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-request-id')).toBe(body.error.requestId);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`[${body.error.requestId}] 500 INTERNAL GET /api/v1/allocation: `);
    expect(logged[0]).toMatch(/ECONNREFUSED|connect/i); // the cause, not only "internal error"
    expect(logged[0]).not.toContain('\n');
    const everything = logged.join('\n') + JSON.stringify(body);
    for (const secret of [PASSWORD, TOKEN, STATIC_TOKEN]) expect(everything).not.toContain(secret);
  });

  test('a cause that quotes the database URL, a bearer token and a kubeconfig is logged masked', async () => {
    captureLog();
    const cause = new Error(
      `Invalid \`prisma.$queryRaw()\` invocation:\n\n  connecting to ${DATABASE_URL} with Authorization: Bearer ${TOKEN}; kubeconfig user {token: ${STATIC_TOKEN}}; ` +
        `password=${PASSWORD}`,
    );
    const response = errorResponse(new Error('collecting prod', { cause }), new Request('http://127.0.0.1/api/v1/anything', { method: 'POST' }));
    const body = (await response.json()) as ErrorJson;
    expect(logged).toHaveLength(1);
    expect(logged[0]).toBe(
      `[${body.error.requestId}] 500 INTERNAL POST /api/v1/anything: internal error: collecting prod: Invalid \`prisma.$queryRaw()\` invocation: ` +
        'connecting to ' +
        'postgresql://tally:***@127.0.0.1:3219/tally with Authorization: Bearer ***; kubeconfig user {token: ***}; password=***',
    );
  });

  test('secrets are masked by shape even when the environment does not name them', () => {
    const text = redactSecrets(`postgres://u:${PASSWORD}@db/x "token":"${STATIC_TOKEN}" jwt ${TOKEN} client-key-data: LS0tLS1CRUd`, {});
    expect(text).toBe('postgres://u:***@db/x "token":"***" jwt *** client-key-data: ***');
  });

  test('4xx errors carry a request id too and are not logged; a proxy-given id is kept, a forged one replaced', async () => {
    captureLog();
    const invalid = errorResponse(new AppError('INVALID', 'window: "soon" is not a window'), new Request('http://x/api/v1/allocation', { headers: { 'x-request-id': 'lb-42.a' } }));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ error: { code: 'INVALID', message: 'window: "soon" is not a window', requestId: 'lb-42.a' } });
    expect(invalid.headers.get('x-request-id')).toBe('lb-42.a');
    const forged = errorResponse(new Error('boom'), new Request('http://x/api/v1/allocation', { headers: { 'x-request-id': 'x [admin] ok' } }));
    const id = ((await forged.json()) as ErrorJson).error.requestId;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(logged).toEqual([`[${id}] 500 INTERNAL GET /api/v1/allocation: internal error: boom`]);
  });
});
