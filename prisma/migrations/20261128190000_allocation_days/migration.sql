-- AlterTable
ALTER TABLE "node_day" ADD COLUMN     "cpu_idle_usd" DECIMAL(20,10) NOT NULL DEFAULT 0,
ADD COLUMN     "gpu_idle_usd" DECIMAL(20,10) NOT NULL DEFAULT 0,
ADD COLUMN     "ram_idle_usd" DECIMAL(20,10) NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "container_day" (
    "cluster_id" INTEGER NOT NULL,
    "day_start" TIMESTAMPTZ(3) NOT NULL,
    "pod_uid" TEXT NOT NULL,
    "container" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "pod" TEXT NOT NULL,
    "node_name" TEXT NOT NULL,
    "controller_kind" TEXT NOT NULL,
    "controller_name" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "first_hour_start" TIMESTAMPTZ(3) NOT NULL,
    "last_hour_start" TIMESTAMPTZ(3) NOT NULL,
    "running_seconds" INTEGER NOT NULL,
    "cpu_core_hours" DOUBLE PRECISION NOT NULL,
    "ram_byte_hours" DOUBLE PRECISION NOT NULL,
    "gpu_hours" DOUBLE PRECISION NOT NULL,
    "cpu_request_core_seconds" DOUBLE PRECISION NOT NULL,
    "cpu_usage_core_seconds" DOUBLE PRECISION NOT NULL,
    "ram_request_byte_seconds" DOUBLE PRECISION NOT NULL,
    "ram_usage_byte_seconds" DOUBLE PRECISION NOT NULL,
    "cpu_cost_usd" DECIMAL(20,10) NOT NULL,
    "ram_cost_usd" DECIMAL(20,10) NOT NULL,
    "gpu_cost_usd" DECIMAL(20,10) NOT NULL,

    CONSTRAINT "container_day_pkey" PRIMARY KEY ("cluster_id","day_start","pod_uid","container")
);

-- CreateIndex
CREATE INDEX "container_day_day_start_idx" ON "container_day"("day_start");

-- AddForeignKey
ALTER TABLE "container_day" ADD CONSTRAINT "container_day_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill (Tally): days rolled up before this migration get their per-resource idle and container rows.
UPDATE "node_day" d SET "cpu_idle_usd" = h.cpu, "ram_idle_usd" = h.ram, "gpu_idle_usd" = h.gpu
  FROM (SELECT cluster_id, date_trunc('day', hour_start, 'UTC') AS day_start, node_uid,
               sum(cpu_idle_usd) AS cpu, sum(ram_idle_usd) AS ram, sum(gpu_idle_usd) AS gpu
          FROM "node_hour" GROUP BY 1, 2, 3) h
 WHERE d.cluster_id = h.cluster_id AND d.day_start = h.day_start AND d.node_uid = h.node_uid;

INSERT INTO "container_day"
SELECT cluster_id, date_trunc('day', hour_start, 'UTC'), pod_uid, container, min(namespace), min(pod), min(node_name),
       min(controller_kind), min(controller_name), min(team), min(hour_start), max(hour_start), sum(running_seconds),
       sum(cpu_core_hours), sum(ram_byte_hours), sum(gpu_hours),
       coalesce(sum(cpu_request_avg_millicores * running_seconds) / 1000, 0), coalesce(sum(cpu_usage_avg_millicores * running_seconds) / 1000, 0),
       coalesce(sum(memory_request_avg_bytes * running_seconds), 0), coalesce(sum(memory_usage_avg_bytes * running_seconds), 0),
       sum(cpu_cost_usd), sum(ram_cost_usd), sum(gpu_cost_usd)
  FROM "container_hour" GROUP BY cluster_id, date_trunc('day', hour_start, 'UTC'), pod_uid, container;
