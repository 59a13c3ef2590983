-- CreateTable
CREATE TABLE "container_hour" (
    "cluster_id" INTEGER NOT NULL,
    "hour_start" TIMESTAMPTZ(3) NOT NULL,
    "pod_uid" TEXT NOT NULL,
    "container" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "pod" TEXT NOT NULL,
    "node_name" TEXT NOT NULL,
    "controller_kind" TEXT NOT NULL,
    "controller_name" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "running_seconds" INTEGER NOT NULL,
    "cpu_request_avg_millicores" DOUBLE PRECISION,
    "cpu_usage_avg_millicores" DOUBLE PRECISION,
    "cpu_usage_max_millicores" INTEGER,
    "cpu_allocated_avg_millicores" DOUBLE PRECISION NOT NULL,
    "memory_request_avg_bytes" DOUBLE PRECISION,
    "memory_usage_avg_bytes" DOUBLE PRECISION,
    "memory_usage_max_bytes" BIGINT,
    "memory_allocated_avg_bytes" DOUBLE PRECISION NOT NULL,
    "cpu_core_hours" DOUBLE PRECISION NOT NULL,
    "ram_byte_hours" DOUBLE PRECISION NOT NULL,
    "gpu_hours" DOUBLE PRECISION NOT NULL,
    "cpu_cost_usd" DECIMAL(20,10) NOT NULL,
    "ram_cost_usd" DECIMAL(20,10) NOT NULL,
    "gpu_cost_usd" DECIMAL(20,10) NOT NULL,
    "total_cost_usd" DECIMAL(20,10) NOT NULL,

    CONSTRAINT "container_hour_pkey" PRIMARY KEY ("cluster_id","hour_start","pod_uid","container")
);

-- CreateTable
CREATE TABLE "node_hour" (
    "cluster_id" INTEGER NOT NULL,
    "hour_start" TIMESTAMPTZ(3) NOT NULL,
    "node_uid" TEXT NOT NULL,
    "node_name" TEXT NOT NULL,
    "node_pool" TEXT,
    "instance_type" TEXT,
    "capacity_type" TEXT NOT NULL,
    "price_source" TEXT NOT NULL,
    "running_seconds" INTEGER NOT NULL,
    "cpu_cores" DOUBLE PRECISION NOT NULL,
    "memory_bytes" BIGINT NOT NULL,
    "gpus" INTEGER NOT NULL,
    "usd_per_hour" DECIMAL(20,10) NOT NULL,
    "usd_per_core_hour" DECIMAL(20,10) NOT NULL,
    "usd_per_gib_hour" DECIMAL(20,10) NOT NULL,
    "usd_per_gpu_hour" DECIMAL(20,10) NOT NULL,
    "cost_usd" DECIMAL(20,10) NOT NULL,
    "cpu_idle_usd" DECIMAL(20,10) NOT NULL,
    "ram_idle_usd" DECIMAL(20,10) NOT NULL,
    "gpu_idle_usd" DECIMAL(20,10) NOT NULL,
    "idle_clamped" BOOLEAN NOT NULL,

    CONSTRAINT "node_hour_pkey" PRIMARY KEY ("cluster_id","hour_start","node_uid")
);

-- CreateIndex
CREATE INDEX "container_hour_hour_start_team_idx" ON "container_hour"("hour_start", "team");

-- CreateIndex
CREATE INDEX "container_hour_cluster_id_hour_start_namespace_idx" ON "container_hour"("cluster_id", "hour_start", "namespace");

-- CreateIndex
CREATE INDEX "node_hour_hour_start_idx" ON "node_hour"("hour_start");

-- AddForeignKey
ALTER TABLE "container_hour" ADD CONSTRAINT "container_hour_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "node_hour" ADD CONSTRAINT "node_hour_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;
