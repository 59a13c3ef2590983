-- AlterTable
ALTER TABLE "container_day" ADD COLUMN     "cpu_idle_share_usd" DECIMAL(20,10) NOT NULL DEFAULT 0,
ADD COLUMN     "gpu_idle_share_usd" DECIMAL(20,10) NOT NULL DEFAULT 0,
ADD COLUMN     "ram_idle_share_usd" DECIMAL(20,10) NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "container_hour" ADD COLUMN     "cpu_idle_share_usd" DECIMAL(20,10) NOT NULL DEFAULT 0,
ADD COLUMN     "gpu_idle_share_usd" DECIMAL(20,10) NOT NULL DEFAULT 0,
ADD COLUMN     "ram_idle_share_usd" DECIMAL(20,10) NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "node_day" ADD COLUMN     "cpu_idle_unshared_usd" DECIMAL(20,10) NOT NULL DEFAULT 0,
ADD COLUMN     "gpu_idle_unshared_usd" DECIMAL(20,10) NOT NULL DEFAULT 0,
ADD COLUMN     "ram_idle_unshared_usd" DECIMAL(20,10) NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "node_hour" ADD COLUMN     "cpu_idle_unshared_usd" DECIMAL(20,10) NOT NULL DEFAULT 0,
ADD COLUMN     "gpu_idle_unshared_usd" DECIMAL(20,10) NOT NULL DEFAULT 0,
ADD COLUMN     "ram_idle_unshared_usd" DECIMAL(20,10) NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "workload_day" ADD COLUMN     "cpu_idle_share_usd" DECIMAL(20,10) NOT NULL DEFAULT 0,
ADD COLUMN     "gpu_idle_share_usd" DECIMAL(20,10) NOT NULL DEFAULT 0,
ADD COLUMN     "ram_idle_share_usd" DECIMAL(20,10) NOT NULL DEFAULT 0;

-- Backfill (Tally): hours rolled up before this migration get each container's share of its
-- node's idle (per resource, by cost) and the nodes the idle no container could take.
WITH t AS (
  SELECT cluster_id, hour_start, node_name, sum(cpu_cost_usd) AS cpu, sum(ram_cost_usd) AS ram, sum(gpu_cost_usd) AS gpu
    FROM "container_hour" GROUP BY 1, 2, 3
)
UPDATE "container_hour" c
   SET "cpu_idle_share_usd" = CASE WHEN t.cpu > 0 THEN n.cpu_idle_usd * c.cpu_cost_usd / t.cpu ELSE 0 END,
       "ram_idle_share_usd" = CASE WHEN t.ram > 0 THEN n.ram_idle_usd * c.ram_cost_usd / t.ram ELSE 0 END,
       "gpu_idle_share_usd" = CASE WHEN t.gpu > 0 THEN n.gpu_idle_usd * c.gpu_cost_usd / t.gpu ELSE 0 END
  FROM t, "node_hour" n
 WHERE t.cluster_id = c.cluster_id AND t.hour_start = c.hour_start AND t.node_name = c.node_name
   AND n.cluster_id = c.cluster_id AND n.hour_start = c.hour_start AND n.node_name = c.node_name;

UPDATE "node_hour" n
   SET "cpu_idle_unshared_usd" = CASE WHEN coalesce(t.cpu, 0) > 0 THEN 0 ELSE n.cpu_idle_usd END,
       "ram_idle_unshared_usd" = CASE WHEN coalesce(t.ram, 0) > 0 THEN 0 ELSE n.ram_idle_usd END,
       "gpu_idle_unshared_usd" = CASE WHEN coalesce(t.gpu, 0) > 0 THEN 0 ELSE n.gpu_idle_usd END
  FROM "node_hour" m LEFT JOIN (
    SELECT cluster_id, hour_start, node_name, sum(cpu_cost_usd) AS cpu, sum(ram_cost_usd) AS ram, sum(gpu_cost_usd) AS gpu
      FROM "container_hour" GROUP BY 1, 2, 3
  ) t ON t.cluster_id = m.cluster_id AND t.hour_start = m.hour_start AND t.node_name = m.node_name
 WHERE m.cluster_id = n.cluster_id AND m.hour_start = n.hour_start AND m.node_uid = n.node_uid;

UPDATE "container_day" d SET "cpu_idle_share_usd" = h.cpu, "ram_idle_share_usd" = h.ram, "gpu_idle_share_usd" = h.gpu
  FROM (SELECT cluster_id, date_trunc('day', hour_start, 'UTC') AS day_start, pod_uid, container,
               sum(cpu_idle_share_usd) AS cpu, sum(ram_idle_share_usd) AS ram, sum(gpu_idle_share_usd) AS gpu
          FROM "container_hour" GROUP BY 1, 2, 3, 4) h
 WHERE d.cluster_id = h.cluster_id AND d.day_start = h.day_start AND d.pod_uid = h.pod_uid AND d.container = h.container;

UPDATE "workload_day" w SET "cpu_idle_share_usd" = h.cpu, "ram_idle_share_usd" = h.ram, "gpu_idle_share_usd" = h.gpu
  FROM (SELECT cluster_id, date_trunc('day', hour_start, 'UTC') AS day_start, namespace, controller_kind, controller_name, team,
               sum(cpu_idle_share_usd) AS cpu, sum(ram_idle_share_usd) AS ram, sum(gpu_idle_share_usd) AS gpu
          FROM "container_hour" GROUP BY 1, 2, 3, 4, 5, 6) h
 WHERE w.cluster_id = h.cluster_id AND w.day_start = h.day_start AND w.namespace = h.namespace
   AND w.controller_kind = h.controller_kind AND w.controller_name = h.controller_name AND w.team = h.team;

UPDATE "node_day" d SET "cpu_idle_unshared_usd" = h.cpu, "ram_idle_unshared_usd" = h.ram, "gpu_idle_unshared_usd" = h.gpu
  FROM (SELECT cluster_id, date_trunc('day', hour_start, 'UTC') AS day_start, node_uid,
               sum(cpu_idle_unshared_usd) AS cpu, sum(ram_idle_unshared_usd) AS ram, sum(gpu_idle_unshared_usd) AS gpu
          FROM "node_hour" GROUP BY 1, 2, 3) h
 WHERE d.cluster_id = h.cluster_id AND d.day_start = h.day_start AND d.node_uid = h.node_uid;
