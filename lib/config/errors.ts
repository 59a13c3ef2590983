/** One problem in a config file, at a 1-based line and column. */
export interface ConfigIssue {
  /** Key path, e.g. `pricing.discountPercent` or `invoices[1].month`; empty for the whole file. */
  path: string;
  line: number;
  column: number;
  reason: string;
}

/** `tally.yaml:7:5: pricing.discountPercent: must be at most 100` */
function formatIssue(fileName: string, issue: ConfigIssue): string {
  const where = issue.path ? `${issue.path}: ` : '';
  return `${fileName}:${issue.line}:${issue.column}: ${where}${issue.reason}`;
}

/**
 * An invalid config file. `line`, `column`, `path` and `reason` describe the first problem by
 * position in the file; `issues` holds every problem, and the message lists them one per line.
 */
export class ConfigError extends Error {
  readonly fileName: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
  readonly reason: string;
  readonly issues: readonly ConfigIssue[];

  constructor(fileName: string, issues: readonly ConfigIssue[]) {
    const first = issues[0] ?? { path: '', line: 1, column: 1, reason: 'invalid config' };
    super(issues.length > 0 ? issues.map((issue) => formatIssue(fileName, issue)).join('\n') : formatIssue(fileName, first));
    this.name = 'ConfigError';
    this.fileName = fileName;
    this.line = first.line;
    this.column = first.column;
    this.path = first.path;
    this.reason = first.reason;
    this.issues = issues.length > 0 ? issues : [first];
  }
}
