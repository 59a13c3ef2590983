-- Delivery (issue 9), derived from workload_revision and pod by lib/ingest/derive-rollouts.ts:
-- one classified rollout per workload revision, and per day the pod startup and scheduling
-- waits of each namespace and team as log-bucket histograms (lib/delivery/histogram.ts).

-- CreateTable
CREATE TABLE "rollout" (
    "cluster_id" INTEGER NOT NULL,
    "workload_uid" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "namespace" TEXT NOT NULL,
    "controller_kind" TEXT NOT NULL,
    "controller_name" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "failed_at" TIMESTAMPTZ(3),
    "counted_at" TIMESTAMPTZ(3),
    "failure_reason" TEXT,
    "commit_sha" TEXT,
    "commit_time" TIMESTAMPTZ(3),
    "commit_source" TEXT,
    "lead_time_seconds" DOUBLE PRECISION,
    "recovered_at" TIMESTAMPTZ(3),
    "recovery_seconds" DOUBLE PRECISION,
    "rework" BOOLEAN NOT NULL DEFAULT false,
    "history_lost" BOOLEAN NOT NULL DEFAULT false,
    "superseded_at" TIMESTAMPTZ(3),
    "images" JSONB NOT NULL DEFAULT '[]',
    "cost_per_hour_before_usd" DOUBLE PRECISION,
    "cost_per_hour_after_usd" DOUBLE PRECISION,
    "derived_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rollout_pkey" PRIMARY KEY ("cluster_id","workload_uid","revision"),
    CONSTRAINT "rollout_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "rollout_counted_at_idx" ON "rollout"("counted_at");
CREATE INDEX "rollout_started_at_idx" ON "rollout"("started_at");

-- CreateTable
CREATE TABLE "pod_startup_day" (
    "cluster_id" INTEGER NOT NULL,
    "day_start" TIMESTAMPTZ(3) NOT NULL,
    "namespace" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "pods" INTEGER NOT NULL,
    "startup_buckets" INTEGER[] DEFAULT '{}',
    "scheduling_buckets" INTEGER[] DEFAULT '{}',
    "unschedulable_pods" INTEGER NOT NULL DEFAULT 0,
    "unschedulable_seconds" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "pod_startup_day_pkey" PRIMARY KEY ("cluster_id","day_start","namespace","team"),
    CONSTRAINT "pod_startup_day_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "pod_startup_day_day_start_idx" ON "pod_startup_day"("day_start");
