import cron, { type ScheduledTask } from 'node-cron';
import type { AdvisoryLock, Database } from '../db/client';
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
 * advisory lock runs anything, so several replicas on one database never run a slot twice.
 * The leader re-checks the lock on its own connection before every run: when that connection
 * dropped, the lock went with it, so it stops running jobs and follows. A follower retries the
 * lock every tick and takes over when the leader goes away. One job's or one cluster's failure
 * is recorded and logged once, and never stops the others.
 */
export class Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private lock: AdvisoryLock | null = null;
  /** One leadership check at a time: jobs firing in the same second share it. */
  private leaderCheck: Promise<boolean> | null = null;
  private hasFollowed = false;
  private lastLockError: string | null = null;
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

  /** True when this process holds the scheduler lock now (checked, or just taken). */
  isLeader(): Promise<boolean> {
    this.leaderCheck ??= this.checkLeader().finally(() => {
      this.leaderCheck = null;
    });
    return this.leaderCheck;
  }

  // A lost lock is given up on this tick; the lock is tried again from the next one on.
  private async checkLeader(): Promise<boolean> {
    if (this.lock) {
      if (await this.lock.held()) return true;
      const lost = this.lock;
      this.lock = null;
      this.hasFollowed = true;
      await lost.release();
      this.options.log('lost the scheduler lock; following');
      return false;
    }
    try {
      this.lock = await this.options.db.tryAdvisoryLock(SCHEDULER_LOCK_KEY);
      this.lastLockError = null;
    } catch (error) {
      // While the database is down this fails every tick: say it once.
      const message = describeError(error);
      if (message !== this.lastLockError) this.options.log(`cannot take the scheduler lock: ${message}`);
      this.lastLockError = message;
      this.lock = null;
    }
    if (!this.lock) {
      this.hasFollowed = true;
      return false;
    }
    if (this.hasFollowed) this.options.log('took the scheduler lock; leading');
    return true;
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
    await this.leaderCheck?.catch(() => false);
    await this.lock?.release();
    this.lock = null;
  }
}
