-- CreateTable
CREATE TABLE "workload_day" (
    "cluster_id" INTEGER NOT NULL,
    "day_start" TIMESTAMPTZ(3) NOT NULL,
    "namespace" TEXT NOT NULL,
    "controller_kind" TEXT NOT NULL,
    "controller_name" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "cpu_cost_usd" DECIMAL(20,10) NOT NULL,
    "ram_cost_usd" DECIMAL(20,10) NOT NULL,
    "gpu_cost_usd" DECIMAL(20,10) NOT NULL,
    "total_cost_usd" DECIMAL(20,10) NOT NULL,
    "cpu_usage_millicore_seconds" DOUBLE PRECISION,
    "cpu_request_millicore_seconds" DOUBLE PRECISION,
    "memory_usage_byte_seconds" DOUBLE PRECISION,
    "memory_request_byte_seconds" DOUBLE PRECISION,

    CONSTRAINT "workload_day_pkey" PRIMARY KEY ("cluster_id","day_start","namespace","controller_kind","controller_name","team")
);

-- CreateTable
CREATE TABLE "node_day" (
    "cluster_id" INTEGER NOT NULL,
    "day_start" TIMESTAMPTZ(3) NOT NULL,
    "node_uid" TEXT NOT NULL,
    "node_name" TEXT NOT NULL,
    "node_pool" TEXT,
    "cost_usd" DECIMAL(20,10) NOT NULL,
    "idle_usd" DECIMAL(20,10) NOT NULL,

    CONSTRAINT "node_day_pkey" PRIMARY KEY ("cluster_id","day_start","node_uid")
);

-- CreateIndex
CREATE INDEX "workload_day_day_start_idx" ON "workload_day"("day_start");

-- CreateIndex
CREATE INDEX "node_day_day_start_idx" ON "node_day"("day_start");

-- AddForeignKey
ALTER TABLE "workload_day" ADD CONSTRAINT "workload_day_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "node_day" ADD CONSTRAINT "node_day_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;
