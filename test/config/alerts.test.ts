import { describe, expect, test } from 'vitest';
import { schedulerSettingsFromEnv } from '../../jobs';
import { ConfigError, parseConfig } from '../../lib/config/load';

/** An environment without TALLY_* variables (NODE_ENV is all ProcessEnv requires). */
const env = (vars: Record<string, string> = {}): NodeJS.ProcessEnv => ({ NODE_ENV: 'test', ...vars });
const SLACK = 'https://hooks.slack.com/services/T000/B000/SECRETTOKEN';

function problem(text: string): { path: string; line: number; reason: string; message: string } {
  try {
    parseConfig(text, 'tally.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return { path: error.path, line: error.line, reason: error.reason, message: error.message };
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('tally.yaml alerts', () => {
  test('absent: no section (alerts are recorded, sent nowhere) and the job every 5 minutes', () => {
    const config = parseConfig('', 'tally.yaml');
    expect(config.alerts).toBeUndefined();
    expect(config.schedules.alerts).toBeUndefined();
    expect(schedulerSettingsFromEnv(env(), config).alertsSchedule).toBe('*/5 * * * *');
  });

  test('webhooks with their format (json by default) and maxAttempts (5 by default)', () => {
    const config = parseConfig(`alerts:\n  webhooks:\n    - {name: finance-slack, url: "${SLACK}", format: slack}\n    - {name: ops, url: "http://10.0.0.5:8080/hook"}\n`, 't.yaml');
    expect(config.alerts).toEqual({
      webhooks: [{ name: 'finance-slack', url: SLACK, format: 'slack' }, { name: 'ops', url: 'http://10.0.0.5:8080/hook', format: 'json' }],
      maxAttempts: 5,
    });
    expect(parseConfig('alerts:\n  maxAttempts: 2\n', 't.yaml').alerts).toEqual({ webhooks: [], maxAttempts: 2 });
    expect(parseConfig('alerts:\n', 't.yaml').alerts).toBeUndefined();
  });

  test('schedules.alerts, under TALLY_ALERTS_SCHEDULE', () => {
    const config = parseConfig('schedules:\n  alerts: "*/10 * * * *"\n', 't.yaml');
    expect(config.schedules).toEqual({ collect: '* * * * *', rollup: '*/5 * * * *', prune: '17 3 * * *', alerts: '*/10 * * * *' });
    expect(schedulerSettingsFromEnv(env(), config).alertsSchedule).toBe('*/10 * * * *');
    expect(schedulerSettingsFromEnv(env({ TALLY_ALERTS_SCHEDULE: '0 * * * *' }), config).alertsSchedule).toBe('0 * * * *');
    expect(problem('schedules:\n  alerts: "every 5 minutes"\n')).toMatchObject({ path: 'schedules.alerts', line: 2 });
  });

  test.each([
    ['an ftp URL', 'alerts:\n  webhooks:\n    - {name: a, url: "ftp://files.example.com/x"}\n', 'alerts.webhooks[0].url', 'must be an http:// or https:// URL'],
    ['not a URL', 'alerts:\n  webhooks:\n    - {name: a, url: "hooks.slack.com/services/SECRETTOKEN"}\n', 'alerts.webhooks[0].url', 'must be an http:// or https:// URL'],
    ['no URL', 'alerts:\n  webhooks:\n    - {name: a}\n', 'alerts.webhooks[0].url', 'is required'],
    ['an unknown format', `alerts:\n  webhooks:\n    - {name: a, url: "${SLACK}", format: teams}\n`, 'alerts.webhooks[0].format', 'must be one of "slack", "json"'],
    ['a name with a space', `alerts:\n  webhooks:\n    - {name: "my hook", url: "${SLACK}"}\n`, 'alerts.webhooks[0].name', 'must be letters, digits'],
    ['two webhooks of one name', `alerts:\n  webhooks:\n    - {name: a, url: "${SLACK}"}\n    - {name: a, url: "https://example.com/h"}\n`, 'alerts.webhooks[1].name', 'duplicate webhook name a'],
    ['maxAttempts 0', 'alerts:\n  maxAttempts: 0\n', 'alerts.maxAttempts', 'must be at least 1'],
    ['an unknown key', 'alerts:\n  retries: 3\n', 'alerts.retries', 'unknown key'],
  ])('refuses %s', (_what, text, path, reason) => {
    const p = problem(text);
    expect(p.path).toBe(path);
    expect(p.reason).toContain(reason);
    // A webhook URL is a secret: the error never repeats it.
    expect(p.message).not.toContain('SECRETTOKEN');
  });
});
