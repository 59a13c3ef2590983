-- CreateTable
CREATE TABLE "cluster" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_collected_at" TIMESTAMPTZ(3),

    CONSTRAINT "cluster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "namespace" (
    "cluster_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3),
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "namespace_pkey" PRIMARY KEY ("cluster_id","name")
);

-- CreateTable
CREATE TABLE "node" (
    "cluster_id" INTEGER NOT NULL,
    "uid" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "provider" TEXT,
    "instance_type" TEXT,
    "node_pool" TEXT,
    "capacity_type" TEXT NOT NULL,
    "region" TEXT,
    "zone" TEXT,
    "cpu_capacity_millicores" INTEGER NOT NULL,
    "memory_capacity_bytes" BIGINT NOT NULL,
    "gpu_capacity" INTEGER NOT NULL,
    "cpu_allocatable_millicores" INTEGER NOT NULL,
    "memory_allocatable_bytes" BIGINT NOT NULL,
    "gpu_allocatable" INTEGER NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3),
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "node_pkey" PRIMARY KEY ("cluster_id","uid")
);

-- CreateTable
CREATE TABLE "pod" (
    "cluster_id" INTEGER NOT NULL,
    "uid" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "node_name" TEXT,
    "phase" TEXT NOT NULL,
    "owner_kind" TEXT NOT NULL,
    "owner_name" TEXT NOT NULL,
    "controller_kind" TEXT NOT NULL,
    "controller_name" TEXT NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3),
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pod_pkey" PRIMARY KEY ("cluster_id","uid")
);

-- CreateTable
CREATE TABLE "container" (
    "cluster_id" INTEGER NOT NULL,
    "pod_uid" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "is_init" BOOLEAN NOT NULL,
    "image" TEXT NOT NULL,
    "cpu_request_millicores" INTEGER,
    "cpu_limit_millicores" INTEGER,
    "memory_request_bytes" BIGINT,
    "memory_limit_bytes" BIGINT,
    "gpu_request" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "container_pkey" PRIMARY KEY ("cluster_id","pod_uid","name")
);

-- CreateTable
CREATE TABLE "persistent_volume" (
    "cluster_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "capacity_bytes" BIGINT NOT NULL,
    "storage_class" TEXT,
    "phase" TEXT,
    "claim_namespace" TEXT,
    "claim_name" TEXT,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "persistent_volume_pkey" PRIMARY KEY ("cluster_id","name")
);

-- CreateTable
CREATE TABLE "persistent_volume_claim" (
    "cluster_id" INTEGER NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "requested_bytes" BIGINT NOT NULL,
    "capacity_bytes" BIGINT,
    "storage_class" TEXT,
    "volume_name" TEXT,
    "phase" TEXT,
    "mounting_pods" TEXT[],
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "persistent_volume_claim_pkey" PRIMARY KEY ("cluster_id","namespace","name")
);

-- CreateTable
CREATE TABLE "scrape" (
    "id" SERIAL NOT NULL,
    "cluster_id" INTEGER NOT NULL,
    "sampled_at" TIMESTAMPTZ(3) NOT NULL,
    "nodes" INTEGER NOT NULL,
    "pods" INTEGER NOT NULL,
    "containers" INTEGER NOT NULL,
    "cpu_request_millicores" BIGINT NOT NULL,
    "memory_request_bytes" BIGINT NOT NULL,
    "cpu_usage_millicores" BIGINT NOT NULL,
    "memory_usage_bytes" BIGINT NOT NULL,
    "gpu_requests" INTEGER NOT NULL,
    "persistent_volume_claims" INTEGER NOT NULL,
    "metrics_available" BOOLEAN NOT NULL,
    "warnings" JSONB NOT NULL DEFAULT '[]',
    "duration_ms" INTEGER NOT NULL,

    CONSTRAINT "scrape_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "container_sample" (
    "cluster_id" INTEGER NOT NULL,
    "sampled_at" TIMESTAMPTZ(3) NOT NULL,
    "pod_uid" TEXT NOT NULL,
    "container" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "pod" TEXT NOT NULL,
    "node_name" TEXT NOT NULL,
    "cpu_request_millicores" INTEGER,
    "memory_request_bytes" BIGINT,
    "gpu_request" INTEGER NOT NULL DEFAULT 0,
    "cpu_usage_millicores" INTEGER,
    "memory_usage_bytes" BIGINT,
    "usage_at" TIMESTAMPTZ(3),

    CONSTRAINT "container_sample_pkey" PRIMARY KEY ("cluster_id","sampled_at","pod_uid","container")
);

-- CreateTable
CREATE TABLE "node_sample" (
    "cluster_id" INTEGER NOT NULL,
    "sampled_at" TIMESTAMPTZ(3) NOT NULL,
    "node_uid" TEXT NOT NULL,
    "node_name" TEXT NOT NULL,
    "cpu_usage_millicores" INTEGER,
    "memory_usage_bytes" BIGINT,
    "usage_at" TIMESTAMPTZ(3),

    CONSTRAINT "node_sample_pkey" PRIMARY KEY ("cluster_id","sampled_at","node_uid")
);

-- CreateTable
CREATE TABLE "job_run" (
    "id" SERIAL NOT NULL,
    "job" TEXT NOT NULL,
    "cluster_id" INTEGER,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL,
    "rows" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "job_run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "cluster_name_key" ON "cluster"("name");

-- CreateIndex
CREATE INDEX "node_cluster_id_name_idx" ON "node"("cluster_id", "name");

-- CreateIndex
CREATE INDEX "pod_cluster_id_namespace_name_idx" ON "pod"("cluster_id", "namespace", "name");

-- CreateIndex
CREATE UNIQUE INDEX "scrape_cluster_id_sampled_at_key" ON "scrape"("cluster_id", "sampled_at");

-- CreateIndex
CREATE INDEX "job_run_job_started_at_idx" ON "job_run"("job", "started_at");

-- AddForeignKey
ALTER TABLE "namespace" ADD CONSTRAINT "namespace_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "node" ADD CONSTRAINT "node_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pod" ADD CONSTRAINT "pod_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "container" ADD CONSTRAINT "container_cluster_id_pod_uid_fkey" FOREIGN KEY ("cluster_id", "pod_uid") REFERENCES "pod"("cluster_id", "uid") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "persistent_volume" ADD CONSTRAINT "persistent_volume_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "persistent_volume_claim" ADD CONSTRAINT "persistent_volume_claim_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scrape" ADD CONSTRAINT "scrape_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "container_sample" ADD CONSTRAINT "container_sample_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "node_sample" ADD CONSTRAINT "node_sample_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_run" ADD CONSTRAINT "job_run_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE SET NULL ON UPDATE CASCADE;
