/**
 * The schema of `tally.yaml` (DESIGN.md §4, "Config file"). Every item is optional and has a
 * default; unknown keys are errors (a typo must not be silently ignored). A section left empty
 * in YAML (`teams:` with every child commented out, i.e. null) counts as absent.
 */
import { z } from 'zod';
import { cronProblem } from './cron';

/** `YYYY-MM`, month 01–12. */
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const month = z.string().regex(MONTH, 'must be a month as YYYY-MM (e.g. 2025-01)');

const usd = z.number().min(0);
/** A budget's months: `YYYY-MM`, or `default` for every month without its own. */
const budgetMonths = z.record(z.string().regex(/^(\d{4}-(0[1-9]|1[0-2])|default)$/, 'must be a month as YYYY-MM (e.g. 2025-01) or default'), usd);
const nonEmpty = z.string().min(1, 'must not be empty');

/** null (an empty YAML section) → undefined, so the section's default applies. */
function section<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === null ? undefined : value), schema);
}

const cronExpression = z.string().superRefine((value, ctx) => {
  const problem = cronProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const cron = (fallback: string) => cronExpression.default(fallback);

export const PROVIDERS = ['aws', 'gcp', 'azure', 'digitalocean'] as const;

const teams = z
  .strictObject({
    /** Label keys naming a team, tried in order on the pod, then on its namespace. */
    labelKeys: z.array(nonEmpty).default(['team', 'owner']),
    /** Namespace → team, for namespaces whose pods and namespace carry no team label. */
    namespaces: section(z.record(nonEmpty, nonEmpty).default({})),
  })
  .prefault({});

const shared = z
  .strictObject({
    /** Namespaces whose cost is spread over the other teams (e.g. kube-system, monitoring). */
    namespaces: z.array(nonEmpty).default([]),
    /** Pods carrying any of these labels (a map `key: value`) are shared costs. */
    labels: section(z.record(nonEmpty, z.string()).default({})),
    /** Fixed overhead, USD per month, spread like the shared namespaces. */
    overheadUsdPerMonth: usd.default(0),
    /** `weighted` by each team's cost, or `even`ly among teams. */
    split: z.enum(['weighted', 'even']).default('weighted'),
  })
  .prefault({});

/** A custom rate card, monthly USD values (the cost model divides by 730 for hourly). */
const rates = z.strictObject({
  cpuCoreMonthUsd: usd.optional(),
  ramGiBMonthUsd: usd.optional(),
  gpuMonthUsd: usd.optional(),
  storageGiBMonthUsd: usd.optional(),
});

const pricing = z
  .strictObject({
    /** ISO 4217 code prices are shown in; the catalog and defaults are USD. */
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code in capitals (e.g. USD)').default('USD'),
    /** Negotiated discount off list prices, percent (0–100). */
    discountPercent: z.number().min(0).max(100).default(0),
    /**
     * CSV price sheet: provider,region,instanceType,capacityType,usdPerHour[,effectiveFrom].
     * A relative path is resolved against the config file's directory by `loadConfigFile`.
     */
    priceSheet: nonEmpty.optional(),
    rates: section(rates.optional()),
    /** Storage class name → USD per GiB-month. */
    storageClasses: section(z.record(nonEmpty, usd).default({})),
    /** Spot price = on-demand × (1 − discount), per provider, 0–1; overrides the catalog's. */
    spotDiscount: section(z.partialRecord(z.enum(PROVIDERS), z.number().min(0).max(1)).optional()),
    /**
     * Units of `currency` per 1 USD, per month (`YYYY-MM`) or `default`: prices, budgets and
     * invoices are USD; the monthly report and the FOCUS export convert at their month's rate.
     */
    exchangeRates: section(z.record(z.string().regex(/^(\d{4}-(0[1-9]|1[0-2])|default)$/, 'must be a month as YYYY-MM (e.g. 2025-01) or default'), z.number().positive()).default({})),
  })
  .superRefine((p, ctx) => {
    if (/^[A-Z]{3}$/.test(p.currency) && p.currency !== 'USD' && Object.keys(p.exchangeRates).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['exchangeRates'], message: `needed when currency is ${p.currency}: units of ${p.currency} per 1 USD, per month (YYYY-MM) or default (e.g. default: 0.92)` });
    }
  })
  .prefault({});

const invoice = z.strictObject({
  cluster: nonEmpty,
  month,
  totalUsd: z.number().positive(),
});

const invoices = z
  .array(invoice)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    for (const [i, item] of list.entries()) {
      const key = `${item.cluster}\u0000${item.month}`;
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', path: [i], message: `duplicate invoice for ${item.cluster} in ${item.month}` });
      }
      seen.add(key);
    }
  })
  .default([]);

const retention = z
  .strictObject({
    /** Days raw usage samples are kept before pruning (hourly rollups are kept apart). */
    rawSamplesDays: z.number().int().min(1).default(8),
  })
  .prefault({});

/** Delivery metrics (DORA, issue 9) derived from the clusters' rollouts. */
const delivery = z
  .strictObject({
    /** A rollback within this many hours after a rollout's start fails it; also the rework window. */
    failureWindowHours: z.number().positive().default(24),
    /** New pods crash-looping (or with >= 3 restarts) this many minutes after a rollout's start fail it. */
    crashWindowMinutes: z.number().positive().default(30),
    /** Extra annotation keys holding the commit time, tried after tally.dev/commit-time and org.opencontainers.image.created. */
    commitTimeAnnotations: z.array(nonEmpty).default([]),
    /** The DORA report year whose performance tiers apply. */
    doraYear: z.union([z.literal(2023), z.literal(2024)]).default(2024),
  })
  .prefault({});

/** Right-sizing recommendations (issue 10), read from the stored rollups only. */
const recommendations = z
  .strictObject({
    /** Days of usage history a recommendation looks back over (rollups are kept long after raw samples). */
    lookbackDays: z.number().int().min(1).max(90).default(14),
  })
  .prefault({});

/** Cron expressions, UTC. */
const schedules = z
  .strictObject({
    collect: cron('* * * * *'),
    rollup: cron('*/5 * * * *'),
    prune: cron('17 3 * * *'),
    /** Budget alerts (evaluate, record, deliver). Optional: absent means every 5 minutes (jobs/index.ts). */
    alerts: cronExpression.optional(),
  })
  .prefault({});

/**
 * A webhook budget alerts are sent to. Its URL is a secret (Slack's carries a token): Tally
 * never logs it nor shows it; the API and the records name the webhook by `name`.
 */
const webhook = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][\w.-]*$/, 'must be letters, digits, ".", "_" or "-" (e.g. finance-slack)'),
  // The message never repeats the value: it is a secret. A missing url keeps the generic "is required".
  url: z.url({ protocol: /^https?$/, error: (issue) => (issue.input === undefined ? undefined : 'must be an http:// or https:// URL') }),
  /** `slack`: a Slack incoming-webhook body ({text, blocks}); `json`: Tally's generic JSON event. */
  format: z.enum(['slack', 'json']).default('json'),
});

/** Budget alerts (issue 11 §2): where they are sent and how hard Tally tries. */
const alerts = z.strictObject({
  webhooks: z
    .array(webhook)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      for (const [i, item] of list.entries()) {
        if (seen.has(item.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate webhook name ${item.name}` });
        seen.add(item.name);
      }
    })
    .default([]),
  /** Attempts per alert and webhook before its delivery counts as failed. */
  maxAttempts: z.number().int().min(1).max(20).default(5),
});

export const tallyConfigSchema = section(
  z
    .strictObject({
      teams: section(teams),
      shared: section(shared),
      pricing: section(pricing),
      /** Team (or `*`: every team without its own) → month (YYYY-MM, or `default`) → budget, USD. */
      budgets: section(z.record(nonEmpty, section(budgetMonths.default({}))).default({})),
      /** Cluster → month (YYYY-MM, or `default`) → budget for the whole cluster, USD. */
      clusterBudgets: section(z.record(nonEmpty, section(budgetMonths.default({}))).default({})),
      /** Invoice totals per cluster and month, USD, for reconciliation. */
      invoices: section(invoices),
      retention: section(retention),
      schedules: section(schedules),
      delivery: section(delivery),
      recommendations: section(recommendations),
      /** Optional: without it alerts are still recorded (and listed by the API), but sent nowhere. */
      alerts: section(alerts.optional()),
    })
    .prefault({}),
);

/** A validated config with every default filled in. */
export type TallyConfig = z.output<typeof tallyConfigSchema>;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The config of an empty file (frozen: copy with `structuredClone` before changing it). */
export const DEFAULT_CONFIG: TallyConfig = deepFreeze(tallyConfigSchema.parse({}));
