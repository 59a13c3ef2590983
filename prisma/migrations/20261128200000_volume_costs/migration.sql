-- AlterTable
ALTER TABLE "container_day" ADD COLUMN     "pv_byte_hours" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "pv_cost_usd" DECIMAL(20,10) NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "container_hour" ADD COLUMN     "pv_byte_hours" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "pv_cost_usd" DECIMAL(20,10) NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "claim_sample" (
    "cluster_id" INTEGER NOT NULL,
    "sampled_at" TIMESTAMPTZ(3) NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "storage_class" TEXT,
    "bytes" BIGINT NOT NULL,
    "pod_uids" TEXT[],

    CONSTRAINT "claim_sample_pkey" PRIMARY KEY ("cluster_id","sampled_at","namespace","name")
);

-- AddForeignKey
ALTER TABLE "claim_sample" ADD CONSTRAINT "claim_sample_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;
