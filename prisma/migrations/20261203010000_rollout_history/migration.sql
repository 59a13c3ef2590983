-- Rollout history: workloads (Deployments, StatefulSets, DaemonSets, Argo Rollouts), one row per
-- workload revision that survives the ReplicaSets' garbage collection, pod lifecycle, node readiness.

-- CreateTable
CREATE TABLE "workload" (
    "cluster_id" INTEGER NOT NULL,
    "uid" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3),
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "generation" BIGINT NOT NULL,
    "observed_generation" BIGINT,
    "replicas" INTEGER NOT NULL,
    "updated_replicas" INTEGER NOT NULL,
    "ready_replicas" INTEGER NOT NULL,
    "available_replicas" INTEGER NOT NULL,
    "current_revision" TEXT,
    "update_revision" TEXT,
    "progress_deadline_seconds" INTEGER,
    "conditions" JSONB NOT NULL DEFAULT '[]',
    "annotations" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "workload_pkey" PRIMARY KEY ("cluster_id","uid"),
    CONSTRAINT "workload_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "workload_cluster_id_namespace_name_idx" ON "workload"("cluster_id", "namespace", "name");

-- CreateTable
CREATE TABLE "workload_revision" (
    "cluster_id" INTEGER NOT NULL,
    "workload_uid" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "namespace" TEXT NOT NULL,
    "workload_kind" TEXT NOT NULL,
    "workload_name" TEXT NOT NULL,
    "source" TEXT,
    "template_hash" TEXT,
    "spec_hash" TEXT,
    "images" JSONB,
    "template_annotations" JSONB,
    "restarted_at" TEXT,
    "revision_history" INTEGER[] DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3),
    "started_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "deadline_exceeded_at" TIMESTAMPTZ(3),
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "replicas" INTEGER,
    "ready_replicas" INTEGER,
    "available_replicas" INTEGER,
    "history_lost" BOOLEAN NOT NULL DEFAULT false,
    "from_history" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "workload_revision_pkey" PRIMARY KEY ("cluster_id","workload_uid","revision"),
    CONSTRAINT "workload_revision_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "workload_revision_cluster_id_started_at_idx" ON "workload_revision"("cluster_id", "started_at");
CREATE INDEX "workload_revision_cluster_id_completed_at_idx" ON "workload_revision"("cluster_id", "completed_at");

-- AlterTable
ALTER TABLE "pod"
    ADD COLUMN "scheduled_at" TIMESTAMPTZ(3),
    ADD COLUMN "initialized_at" TIMESTAMPTZ(3),
    ADD COLUMN "containers_ready_at" TIMESTAMPTZ(3),
    ADD COLUMN "ready_at" TIMESTAMPTZ(3),
    ADD COLUMN "unschedulable_since" TIMESTAMPTZ(3),
    ADD COLUMN "unschedulable_until" TIMESTAMPTZ(3),
    ADD COLUMN "restarts" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "waiting_reason" TEXT,
    ADD COLUMN "last_termination_reason" TEXT,
    ADD COLUMN "revision_hash" TEXT,
    ADD COLUMN "crash_loop_at" TIMESTAMPTZ(3),
    ADD COLUMN "restarts3_at" TIMESTAMPTZ(3),
    ADD COLUMN "image_pull_failed_at" TIMESTAMPTZ(3);
CREATE INDEX "pod_cluster_id_namespace_revision_hash_idx" ON "pod"("cluster_id", "namespace", "revision_hash");

-- AlterTable
ALTER TABLE "node" ADD COLUMN "ready_at" TIMESTAMPTZ(3);
