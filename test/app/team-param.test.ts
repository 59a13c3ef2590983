import { describe, expect, test } from 'vitest';
import { parseTeamParam, teamLabel } from '../../app/_lib/team-param';

describe('the [team] segment of /teams/[team], checked before any query', () => {
  test.each([
    ['ml', { kind: 'team', team: 'ml' }],
    ['platform-web', { kind: 'team', team: 'platform-web' }],
    ['a%C3%A9', { kind: 'team', team: 'aé' }],
    ['unallocated', { kind: 'unallocated' }],
    ['unassigned', { kind: 'unallocated' }],
    ['__unallocated__', { kind: 'unallocated' }],
    ['%00', { kind: 'invalid' }], // Postgres refuses NUL in text
    ['a\u0000b', { kind: 'invalid' }],
    ['%E0', { kind: 'invalid' }], // not UTF-8
    ['a%C3%28', { kind: 'invalid' }],
    ['\uD800', { kind: 'invalid' }], // a lone surrogate cannot be UTF-8
    ['%0A', { kind: 'invalid' }],
    ['', { kind: 'invalid' }],
    ['x'.repeat(254), { kind: 'invalid' }],
  ])('%j → %j', (segment, expected) => expect(parseTeamParam(segment)).toEqual(expected));

  test('cost without a team is "unallocated" on the dashboard under every stored or API name', () => {
    expect(['__unallocated__', 'unassigned', 'ml'].map(teamLabel)).toEqual(['unallocated', 'unallocated', 'ml']);
  });
});
