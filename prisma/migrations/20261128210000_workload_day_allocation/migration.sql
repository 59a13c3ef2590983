-- AlterTable
ALTER TABLE "workload_day" ADD COLUMN     "cpu_core_hours" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "first_hour_start" TIMESTAMPTZ(3),
ADD COLUMN     "gpu_hours" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "last_hour_start" TIMESTAMPTZ(3),
ADD COLUMN     "pv_byte_hours" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "pv_cost_usd" DECIMAL(20,10) NOT NULL DEFAULT 0,
ADD COLUMN     "ram_byte_hours" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "running_seconds" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- Backfill (Tally): days rolled up before this migration.
UPDATE "workload_day" w
   SET "cpu_core_hours" = h.ch, "ram_byte_hours" = h.rh, "gpu_hours" = h.gh, "pv_byte_hours" = h.pb, "pv_cost_usd" = h.pc,
       "running_seconds" = h.rs, "first_hour_start" = h.f, "last_hour_start" = h.l
  FROM (SELECT cluster_id, date_trunc('day', hour_start, 'UTC') AS day_start, namespace, controller_kind, controller_name, team,
               sum(cpu_core_hours) AS ch, sum(ram_byte_hours) AS rh, sum(gpu_hours) AS gh, sum(pv_byte_hours) AS pb, sum(pv_cost_usd) AS pc,
               sum(running_seconds) AS rs, min(hour_start) AS f, max(hour_start) AS l
          FROM "container_hour" GROUP BY 1, 2, 3, 4, 5, 6) h
 WHERE w.cluster_id = h.cluster_id AND w.day_start = h.day_start AND w.namespace = h.namespace
   AND w.controller_kind = h.controller_kind AND w.controller_name = h.controller_name AND w.team = h.team;
