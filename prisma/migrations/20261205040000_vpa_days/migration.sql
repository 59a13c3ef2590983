-- The VPA's input per workload container and UTC day (issue 10, performance): a 14-day read takes
-- 14 rows per workload container instead of 336 hours. The CPU histogram is the day's hours merged
-- with the VPA's decay (half-life 24 h) referenced to the day's start, so day rows combine exactly
-- as the hours would; memory keeps the pods' daily peaks (rank-wise maxima of the hours' peaks).
CREATE TABLE "workload_container_day" (
    "cluster_id" INTEGER NOT NULL,
    "day_start" TIMESTAMPTZ(3) NOT NULL,
    "namespace" TEXT NOT NULL,
    "controller_kind" TEXT NOT NULL,
    "controller_name" TEXT NOT NULL,
    "container" TEXT NOT NULL,
    "cpu_decayed_histogram" DOUBLE PRECISION[] DEFAULT ARRAY[]::DOUBLE PRECISION[],
    "cpu_usage_samples" INTEGER NOT NULL,
    "first_sample_hour" TIMESTAMPTZ(3),
    "last_sample_hour" TIMESTAMPTZ(3),
    "memory_peaks_bytes" BIGINT[] DEFAULT ARRAY[]::BIGINT[],

    CONSTRAINT "workload_container_day_pkey" PRIMARY KEY ("cluster_id","day_start","namespace","controller_kind","controller_name","container")
);

ALTER TABLE "workload_container_day" ADD CONSTRAINT "workload_container_day_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TRIGGER "workload_container_day_cost_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "workload_container_day" FOR EACH STATEMENT EXECUTE FUNCTION "bump_cost_data_version"();

-- Backfill (Tally): the days already rolled up get their rows from their hours (as lib/ingest/rollup-days.ts writes them).
WITH h AS (
  SELECT w.*, (date_trunc('day', w.hour_start AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') AS day
    FROM "workload_container_hour" w
   WHERE EXISTS (SELECT 1 FROM "container_day" d WHERE d.cluster_id = w.cluster_id
                    AND d.day_start = (date_trunc('day', w.hour_start AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'))
)
INSERT INTO "workload_container_day" (cluster_id, day_start, namespace, controller_kind, controller_name, container, cpu_decayed_histogram,
  cpu_usage_samples, first_sample_hour, last_sample_hour, memory_peaks_bytes)
SELECT k.cluster_id, k.day, k.namespace, k.controller_kind, k.controller_name, k.container, coalesce(c.histogram, ARRAY[]::float8[]), k.samples,
       k.first_hour, k.last_hour, coalesce(m.peaks, ARRAY[]::int8[])
  FROM (SELECT cluster_id, day, namespace, controller_kind, controller_name, container, sum(cpu_usage_samples)::int AS samples,
               min(hour_start) FILTER (WHERE cpu_usage_samples > 0) AS first_hour, max(hour_start) FILTER (WHERE cpu_usage_samples > 0) AS last_hour
          FROM h GROUP BY 1, 2, 3, 4, 5, 6) k
  LEFT JOIN (SELECT cluster_id, day, namespace, controller_kind, controller_name, container, array_agg(e.v ORDER BY pairs.b, e.k) AS histogram
               FROM (SELECT h.cluster_id, h.day, h.namespace, h.controller_kind, h.controller_name, h.container, h.cpu_usage_histogram[2 * i - 1] AS b,
                            sum(h.cpu_usage_histogram[2 * i] * power(2::float8, extract(epoch FROM h.hour_start - h.day)::float8 / 86400) ORDER BY h.hour_start) AS w
                       FROM h CROSS JOIN LATERAL generate_series(1, coalesce(array_length(h.cpu_usage_histogram, 1), 0) / 2) AS i
                      GROUP BY 1, 2, 3, 4, 5, 6, 7) AS pairs
              CROSS JOIN LATERAL (VALUES (1, pairs.b::float8), (2, pairs.w)) AS e(k, v)
              GROUP BY 1, 2, 3, 4, 5, 6) c USING (cluster_id, day, namespace, controller_kind, controller_name, container)
  LEFT JOIN (SELECT cluster_id, day, namespace, controller_kind, controller_name, container, array_agg(peak ORDER BY rank) AS peaks
               FROM (SELECT cluster_id, day, namespace, controller_kind, controller_name, container, rank, max(peak) AS peak
                       FROM (SELECT h.cluster_id, h.day, h.namespace, h.controller_kind, h.controller_name, h.container, p.peak,
                                    row_number() OVER (PARTITION BY h.cluster_id, h.namespace, h.controller_kind, h.controller_name, h.container, h.hour_start
                                                       ORDER BY p.peak DESC) AS rank
                               FROM h CROSS JOIN LATERAL unnest(h.memory_peaks_bytes) AS p(peak)) AS ranked
                      GROUP BY 1, 2, 3, 4, 5, 6, 7) AS g
              GROUP BY 1, 2, 3, 4, 5, 6) m USING (cluster_id, day, namespace, controller_kind, controller_name, container);
