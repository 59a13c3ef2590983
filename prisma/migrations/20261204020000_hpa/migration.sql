-- HorizontalPodAutoscalers (autoscaling/v2) the collector reads: a resource an HPA scales on gets
-- no request recommendation.

-- CreateTable
CREATE TABLE "horizontal_pod_autoscaler" (
    "cluster_id" INTEGER NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "target_kind" TEXT NOT NULL,
    "target_name" TEXT NOT NULL,
    "min_replicas" INTEGER NOT NULL,
    "max_replicas" INTEGER NOT NULL,
    "metrics" JSONB NOT NULL DEFAULT '[]',
    "scales_cpu" BOOLEAN NOT NULL DEFAULT false,
    "scales_memory" BOOLEAN NOT NULL DEFAULT false,
    "current_replicas" INTEGER,
    "desired_replicas" INTEGER,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "horizontal_pod_autoscaler_pkey" PRIMARY KEY ("cluster_id","namespace","name"),
    CONSTRAINT "horizontal_pod_autoscaler_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "horizontal_pod_autoscaler_cluster_id_last_seen_at_idx" ON "horizontal_pod_autoscaler"("cluster_id", "last_seen_at");
