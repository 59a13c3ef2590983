import type { ReactNode } from 'react';

/** One column of a {@link DataTable}: its header, how a row fills its cell, and whether it holds a number. */
export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Right-aligned, tabular figures (money, counts, percentages). */
  numeric?: boolean;
  /** Extra class on the cells (e.g. `muted`). */
  className?: string;
}

/**
 * The one table markup of the dashboard: a header row, one row per item, an empty message
 * across every column, inside a wrapper that scrolls sideways on a narrow screen instead of
 * widening the page.
 */
export function DataTable<Row>({ columns, rows, rowKey, testId, empty, rowClassName, label }: {
  columns: readonly (Column<Row> | null | false)[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  testId?: string;
  /** Shown in place of the rows when there are none. */
  empty?: ReactNode;
  rowClassName?: (row: Row) => string | undefined;
  /** Accessible name of the scrolling region. */
  label?: string;
}) {
  const shown = columns.filter((c): c is Column<Row> => Boolean(c));
  const cellClass = (c: Column<Row>) => [c.numeric ? 'num' : '', c.className ?? ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table data-testid={testId}>
        <thead>
          <tr>
            {shown.map((c, i) => (
              <th key={i} className={c.numeric ? 'num' : undefined}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && empty ? (
            <tr>
              <td colSpan={shown.length} className="muted">{empty}</td>
            </tr>
          ) : null}
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {shown.map((c, i) => (
                <td key={i} className={cellClass(c)}>{c.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
