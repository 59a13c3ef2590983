import { describe, expect, test } from 'vitest';
import { parsePriceSheet, PriceSheetError, type PriceSheetEntry } from '../../lib/cost/price-sheet';

const HEADER = 'provider,region,instanceType,capacityType,usdPerHour,effectiveFrom';
const entry = (over: Partial<PriceSheetEntry>): PriceSheetEntry => ({
  provider: 'aws', region: null, instanceType: 'm5.large', capacityType: null, usdPerHour: 0.1, effectiveFromMs: null, line: 2, ...over,
});

describe('parsePriceSheet: rows as written', () => {
  test.each<[string, string, PriceSheetEntry[]]>([
    ['a full row', `${HEADER}\naws,eu-west-1,m6i.xlarge,on-demand,0.15,2026-11-15`,
      [entry({ region: 'eu-west-1', instanceType: 'm6i.xlarge', capacityType: 'on-demand', usdPerHour: 0.15, effectiveFromMs: Date.UTC(2026, 10, 15) })]],
    ['empty region, capacity and date: any, any, always', `${HEADER}\naws,,m5.large,,0.1,`, [entry({})]],
    ['`*` wildcards', `${HEADER}\naws,*,m5.large,*,0.1,`, [entry({})]],
    ['no effectiveFrom column: always', 'provider,region,instanceType,capacityType,usdPerHour\naws,,m5.large,spot,0.1', [entry({ capacityType: 'spot' })]],
    ['header in any order and case; provider and capacity lower-cased', 'USDPERHOUR,Provider,Region,InstanceType,CapacityType\n1.5,AWS,*,m5.large,SPOT',
      [entry({ usdPerHour: 1.5, capacityType: 'spot' })]],
    ['quoted cells, a quote inside quotes, spaces around cells', `${HEADER}\n "aws" , "" ,"m5.large","on-demand", "0.1" ,\naws,,"od""d",,0,`,
      [entry({ capacityType: 'on-demand' }), entry({ instanceType: 'od"d', usdPerHour: 0, line: 3 })]],
    ['CRLF, blank lines, # comments, a BOM: line numbers count every line', `\uFEFF# prices\r\n\r\n${HEADER}\r\n\r\n# m5\r\naws,,m5.large,,0.1,\r\n  # indented comment\r\naws,,m5.xlarge,,.2,\r\n`,
      [entry({ line: 6 }), entry({ instanceType: 'm5.xlarge', usdPerHour: 0.2, line: 8 })]],
    ['a trailing empty cell', `${HEADER}\naws,,m5.large,,0.1,,`, [entry({})]],
    ['the same type per region, capacity and date', `${HEADER}\naws,,m5.large,,0.1,\naws,,m5.large,,0.09,2026-12-01\naws,us-east-1,m5.large,,0.1,\naws,,m5.large,spot,0.03,`,
      [entry({}), entry({ usdPerHour: 0.09, effectiveFromMs: Date.UTC(2026, 11, 1), line: 3 }), entry({ region: 'us-east-1', line: 4 }), entry({ capacityType: 'spot', usdPerHour: 0.03, line: 5 })]],
    ['only a header: no rows', HEADER, []],
    ['a leap day', `${HEADER}\naws,,m5.large,,0.1,2028-02-29`, [entry({ effectiveFromMs: Date.UTC(2028, 1, 29) })]],
  ])('%s', (_name, csv, expected) => expect(parsePriceSheet(csv)).toEqual(expected));
});

describe('parsePriceSheet: a broken file names the file, the line and the problem', () => {
  const row = (cells: string) => `${HEADER}\n${cells}`;
  test.each<[string, number, string, RegExp]>([
    ['nothing but comments', 1, '# only a comment\n\n', /no header row/],
    ['an empty file', 1, '', /no header row/],
    ['a missing column', 1, 'provider,region,instanceType,usdPerHour\naws,,m5.large,0.1', /missing column "capacitytype"/],
    ['a missing column, after comments', 3, '# prices\n\nprovider,instanceType,capacityType,usdPerHour\n', /missing column "region"/],
    ['an unknown column (a typo would drop the dates)', 1, 'provider,region,instanceType,capacityType,usdPerHour,effectiveFrm\n', /unknown column "effectivefrm"/],
    ['a column twice', 1, 'provider,region,instanceType,capacityType,usdPerHour,usdPerHour\n', /column "usdperhour" appears twice/],
    ['a word for a price', 2, row('aws,,m5.large,on-demand,cheap,'), /usdPerHour "cheap" is not a price/],
    ['an empty price (never read as 0)', 2, row('aws,,m5.large,on-demand,,'), /usdPerHour "" is not a price/],
    ['a negative price', 2, row('aws,,m5.large,on-demand,-1,'), /usdPerHour "-1" is not a price \(a number ≥ 0/],
    ['a currency sign', 2, row('aws,,m5.large,on-demand,$0.10,'), /usdPerHour "\$0.10"/],
    ['hex', 2, row('aws,,m5.large,on-demand,0x10,'), /usdPerHour "0x10"/],
    ['an exponent', 2, row('aws,,m5.large,on-demand,1e3,'), /usdPerHour "1e3"/],
    ['Infinity', 2, row('aws,,m5.large,on-demand,Infinity,'), /usdPerHour "Infinity"/],
    ['a decimal comma, unquoted: too many cells', 2, row('aws,,m5.large,on-demand,0,15,2026-01-01'), /7 cells, the header has 6/],
    ['a decimal comma, quoted', 2, row('aws,,m5.large,on-demand,"0,15",'), /usdPerHour "0,15"/],
    ['too few cells', 2, 'provider,region,instanceType,capacityType,usdPerHour\naws,,m5.large', /3 cells, the header has 5/],
    ['not a calendar day', 2, row('aws,,m5.large,,0.1,2026-02-30'), /effectiveFrom "2026-02-30" is not a date \(YYYY-MM-DD\)/],
    ['month 13', 2, row('aws,,m5.large,,0.1,2026-13-01'), /effectiveFrom "2026-13-01"/],
    ['another date format', 2, row('aws,,m5.large,,0.1,01/12/2026'), /effectiveFrom "01\/12\/2026"/],
    ['a timestamp', 2, row('aws,,m5.large,,0.1,2026-12-01T00:00:00Z'), /effectiveFrom "2026-12-01T00:00:00Z"/],
    ['a capacity type of neither kind', 3, row('\naws,,m5.large,reserved,0.1,'), /capacityType "reserved" is not on-demand, spot or \*/],
    ['"ondemand" without the dash', 2, row('aws,,m5.large,ondemand,0.1,'), /capacityType "ondemand"/],
    ['an empty provider', 2, row(',,m5.large,,0.1,'), /provider is empty/],
    ['a wildcard provider', 2, row('*,,m5.large,,0.1,'), /provider is a wildcard/],
    ['an empty instance type', 2, row('aws,,,,0.1,'), /instanceType is empty/],
    ['a wildcard instance type', 2, row('aws,,*,,0.1,'), /instanceType is a wildcard/],
    ['an unclosed quote', 2, row('aws,,"m5.large,,0.1,'), /unclosed quote/],
    ['a stray quote', 2, row('aws,,m5"large,,0.1,'), /stray quote/],
    ['text after a quoted cell', 2, row('aws,,"m5"large,,0.1,'), /unexpected text after a quoted cell/],
    ['a repeated row (which price?)', 4, row('aws,,m5.large,,0.1,\n# again\nAWS,*,M5.LARGE,*,0.2,'), /repeats line 2/],
    ['the first broken line is named, CRLF', 4, `${HEADER}\r\naws,,m5.large,,0.1,\r\n\r\naws,,m5.xlarge,,oops,\r\naws,,m5.2xlarge,,nope,`, /usdPerHour "oops"/],
  ])('%s → line %i', (_name, line, csv, problem) => {
    let caught: unknown;
    try {
      parsePriceSheet(csv, 'prices/nodes.csv');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PriceSheetError);
    const error = caught as PriceSheetError;
    expect(error.message).toMatch(new RegExp(`^prices/nodes\\.csv:${line}: `));
    expect(error.message).toMatch(problem);
    expect([error.file, error.line, error.name]).toEqual(['prices/nodes.csv', line, 'PriceSheetError']);
  });

  test('without a file name the message says "price sheet"', () => {
    expect(() => parsePriceSheet('provider\n')).toThrow(/^price sheet:1: missing column "region"/);
  });
});
