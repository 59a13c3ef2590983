import { describeError } from '../util/errors';

type Command = (argv: string[]) => Promise<number>;

// Each command is imported on use, so `tally migrate` does not load the Kubernetes client.
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  start: { summary: 'migrate, then run the scheduler and the dashboard', load: async () => (await import('./start')).runStart },
  migrate: { summary: 'apply database migrations', load: async () => (await import('./migrate')).runMigrate },
  rollup: { summary: '(re)compute hourly and daily rows: rollup [--from ISO --to ISO] [--cluster NAME]', load: async () => (await import('./rollup')).runRollup },
  recommend: {
    summary: 'container right-sizing: recommend [--format table|json|csv|yaml] [--strategy simple|vpa] [--window 14d] [--namespace NS]',
    load: async () => (await import('./recommend')).runRecommend,
  },
  export: {
    summary: "a month's allocations: export --month YYYY-MM --format csv|focus [--granularity daily|hourly] [--cluster C] [--out F]",
    load: async () => (await import('./export')).runExport,
  },
  close: {
    summary: 'freeze a month for finance (report, allocations, export): close --month YYYY-MM [--reopen]',
    load: async () => (await import('./close')).runClose,
  },
  collect: { summary: 'collect one scrape: collect --once [--kubeconfig F] [--context C] [--cluster NAME] [--json]', load: async () => (await import('./collect')).runCollect },
  'demo-cluster': { summary: 'serve the simulated Kubernetes API: [--port N] [--seed N] [--nodes N --pods N] [--fixture FILE...]', load: async () => (await import('../demo/cli')).runDemoClusterCommand },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(14)}${c.summary}`);
  return ['usage: tally <command> [options]', '', 'commands:', ...lines].join('\n');
}

/** Runs one CLI command and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`tally: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load())(rest);
  } catch (error) {
    console.error(`tally ${name}: ${describeError(error)}`);
    return 1;
  }
}
