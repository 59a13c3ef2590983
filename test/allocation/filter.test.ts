import { describe, expect, test } from 'vitest';
import { FilterError, parseFilter } from '../../lib/allocation/filter';

describe('parseFilter (OpenCost filter v2 subset)', () => {
  test.each([
    ['', []],
    ['namespace:"shop"', [{ field: 'namespace', negated: false, values: ['shop'] }]],
    ['namespace:"a","b"+team:"x"', [{ field: 'namespace', negated: false, values: ['a', 'b'] }, { field: 'team', negated: false, values: ['x'] }]],
    ['team!:"platform"', [{ field: 'team', negated: true, values: ['platform'] }]],
    ['label[app.kubernetes.io/name]:"web"', [{ field: 'label:app.kubernetes.io/name', negated: false, values: ['web'] }]],
    ['namespace:"a" team:"x"', [{ field: 'namespace', negated: false, values: ['a'] }, { field: 'team', negated: false, values: ['x'] }]],
    ['pod:"a+b","c,d"', [{ field: 'pod', negated: false, values: ['a+b', 'c,d'] }]],
    ['controllerName:"say \\"hi\\""', [{ field: 'controllerName', negated: false, values: ['say "hi"'] }]],
  ])('%j', (text, clauses) => expect(parseFilter(text)).toEqual(clauses));

  test.each([
    ['namespace:shop', /must be in double quotes/],
    ['namespace:"shop', /unclosed quote/],
    ['colour:"red"', /unknown field "colour"/],
    ['namespace', /is not field:"value"/],
    ['namespace:', /must be in double quotes/],
    ['label[]:"x"', /is not field:"value"/],
  ])('%j is refused: %s', (text, message) => {
    expect(() => parseFilter(text)).toThrow(FilterError);
    expect(() => parseFilter(text)).toThrow(message);
  });
});
