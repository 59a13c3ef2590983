-- CreateTable
CREATE TABLE "cluster_hour" (
    "cluster_id" INTEGER NOT NULL,
    "hour_start" TIMESTAMPTZ(3) NOT NULL,
    "scrapes" INTEGER NOT NULL,
    "first_sampled_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cluster_hour_pkey" PRIMARY KEY ("cluster_id","hour_start")
);

-- AddForeignKey
ALTER TABLE "cluster_hour" ADD CONSTRAINT "cluster_hour_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "container_hour" ADD COLUMN     "node_uid" TEXT,
ADD COLUMN     "node_unsampled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "shared" BOOLEAN;

-- AlterTable
ALTER TABLE "container_day" ADD COLUMN     "shared" BOOLEAN;

-- AlterTable
ALTER TABLE "workload_day" ADD COLUMN     "shared" BOOLEAN;

-- Backfill (Tally): hours rolled up before this migration were keyed by node name (one node
-- per name and hour): their containers get that node's uid, or are flagged when their node had
-- no node-hour (priced at the default rates). Their sharing stays NULL ("not recorded"): the
-- config in force applies to them, as it did before. cluster_hour is not backfilled: without
-- it a re-roll keeps an hour whose raw samples may have been pruned (see lib/ingest/rollup.ts).
UPDATE "container_hour" c
   SET "node_uid" = n.node_uid
  FROM (SELECT cluster_id, hour_start, node_name, min(node_uid) AS node_uid FROM "node_hour" GROUP BY 1, 2, 3) n
 WHERE n.cluster_id = c.cluster_id AND n.hour_start = c.hour_start AND n.node_name = c.node_name;

UPDATE "container_hour" SET "node_unsampled" = true
 WHERE "node_uid" IS NULL AND "controller_kind" <> 'PersistentVolumeClaim';
