-- Usage histograms (issue 10): right-sizing reads 14 to 90 days of CPU percentiles and memory
-- peaks from the rollups, never from raw samples (kept 8 days). A histogram is the flat
-- [bucket, count, …] form of lib/capacity/usage-histogram.ts.

-- AlterTable
ALTER TABLE "container_hour" ADD COLUMN     "cpu_usage_histogram" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "cpu_usage_samples" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "container_day" ADD COLUMN     "cpu_usage_histogram" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "cpu_usage_max_millicores" INTEGER,
ADD COLUMN     "cpu_usage_samples" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "memory_usage_max_bytes" BIGINT;

-- CreateTable
CREATE TABLE "workload_container_hour" (
    "cluster_id" INTEGER NOT NULL,
    "hour_start" TIMESTAMPTZ(3) NOT NULL,
    "namespace" TEXT NOT NULL,
    "controller_kind" TEXT NOT NULL,
    "controller_name" TEXT NOT NULL,
    "container" TEXT NOT NULL,
    "pods" INTEGER NOT NULL,
    "cpu_usage_histogram" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "cpu_usage_samples" INTEGER NOT NULL,
    "cpu_usage_max_millicores" INTEGER,
    "memory_peaks_bytes" BIGINT[] DEFAULT ARRAY[]::BIGINT[],

    CONSTRAINT "workload_container_hour_pkey" PRIMARY KEY ("cluster_id","hour_start","namespace","controller_kind","controller_name","container")
);

-- AddForeignKey
ALTER TABLE "workload_container_hour" ADD CONSTRAINT "workload_container_hour_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;
