import cron, { type ScheduledTask } from 'node-cron';
import type { Database } from '../db/client';
import { describeError } from '../util/errors';
import type { ClusterTarget, JobDefinition, JobRunResult } from './types';

// Any constant shared by every Tally process on one database; distinct from Prisma's migrate lock.
export const SCHEDULER_LOCK_KEY = 74_112_025;

export interface SchedulerOptions {
  db: Database;
  jobs: JobDefinition[];
  clusters: ClusterTarget[];
  now?: () => Date;
  log?: (message: string) => void;
  onRun?: (result: JobRunResult, durationSeconds: number) => void;
}

/**
 * Runs the jobs on their cron schedules (UTC). Only the process holding the scheduler's
 * advisory lock runs anything, so several replicas on one database never run a slot twice;
 * a follower retries the lock every tick and takes over when the leader goes away. One job's
 * or one cluster's failure is recorded and logged once, and never stops the others.
 */
export class Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private release: (() => Promise<void>) | null = null;
  private readonly lastErrors = new Map<string, string>();
  private readonly options: Required<Omit<SchedulerOptions, 'onRun'>> & Pick<SchedulerOptions, 'onRun'>;

  constructor(options: SchedulerOptions) {
    this.options = { now: () => new Date(), log: (m) => console.log(m), ...options };
  }

  start(): void {
    for (const job of this.options.jobs) {
      const task = cron.schedule(job.schedule, () => this.runJob(job.name).then(() => undefined), {
        name: job.name,
        timezone: 'Etc/UTC',
        noOverlap: true,
      });
      this.tasks.push(task);
    }
  }

  /** True when this process is (or just became) the leader. */
  async isLeader(): Promise<boolean> {
    this.release ??= await this.options.db.tryAdvisoryLock(SCHEDULER_LOCK_KEY);
    return this.release !== null;
  }

  /** Runs one job now (per cluster where it applies), if this process leads. */
  async runJob(name: string): Promise<JobRunResult[]> {
    const job = this.options.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no job named ${name}`);
    if (!(await this.isLeader())) return [{ job: name, cluster: null, status: 'skipped', rows: 0, error: null }];
    const targets: (ClusterTarget | undefined)[] = job.perCluster ? this.options.clusters : [undefined];
    return Promise.all(targets.map((cluster) => this.runOne(job, cluster)));
  }

  private async runOne(job: JobDefinition, cluster: ClusterTarget | undefined): Promise<JobRunResult> {
    const { db, now } = this.options;
    const clusterRow = cluster
      ? await db.prisma.cluster.upsert({ where: { name: cluster.name }, create: { name: cluster.name }, update: {} })
      : null;
    const started = performance.now();
    const run = await db.prisma.jobRun.create({
      data: { job: job.name, clusterId: clusterRow?.id ?? null, startedAt: now(), status: 'running' },
    });
    let result: JobRunResult;
    try {
      const rows = await job.run({ db, cluster, now });
      result = { job: job.name, cluster: cluster?.name ?? null, status: 'succeeded', rows, error: null };
    } catch (error) {
      result = { job: job.name, cluster: cluster?.name ?? null, status: 'failed', rows: 0, error: describeError(error) };
    }
    await db.prisma.jobRun.update({
      where: { id: run.id },
      data: { finishedAt: now(), status: result.status, rows: result.rows, error: result.error },
    });
    this.logChange(result);
    this.options.onRun?.(result, (performance.now() - started) / 1000);
    return result;
  }

  // A scrape failing every minute is logged when it starts failing and when it recovers.
  private logChange(result: JobRunResult): void {
    const key = `${result.job}/${result.cluster ?? ''}`;
    const previous = this.lastErrors.get(key);
    const where = result.cluster ? ` for ${result.cluster}` : '';
    if (result.error && result.error !== previous) this.options.log(`${result.job}${where} failed: ${result.error}`);
    if (!result.error && previous) this.options.log(`${result.job}${where} recovered`);
    if (result.error) this.lastErrors.set(key, result.error);
    else this.lastErrors.delete(key);
  }

  async stop(): Promise<void> {
    for (const task of this.tasks) await task.destroy();
    this.tasks.length = 0;
    await this.release?.();
    this.release = null;
  }
}
