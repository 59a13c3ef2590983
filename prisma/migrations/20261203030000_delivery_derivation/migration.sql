-- Delivery derivation (issue 9 performance, lib/ingest/derive-rollouts.ts).

-- The pods with a crash signal, found without reading every pod.
CREATE INDEX "pod_crash_loop_at_idx" ON "pod"("crash_loop_at");
CREATE INDEX "pod_restarts3_at_idx" ON "pod"("restarts3_at");

-- A workload's hours (a rollout's cost per hour before and after it), one index range per rollout.
CREATE INDEX "container_hour_controller_hour_idx" ON "container_hour"("cluster_id", "namespace", "controller_kind", "controller_name", "hour_start");

-- What each workload's rollouts were last derived from (lib/ingest/derive-state.ts): a digest of
-- its revisions, annotations, crash signals and the delivery settings.
CREATE TABLE "workload_derivation" (
    "cluster_id" INTEGER NOT NULL,
    "workload_uid" TEXT NOT NULL,
    "inputs_digest" TEXT NOT NULL,
    "derived_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workload_derivation_pkey" PRIMARY KEY ("cluster_id","workload_uid"),
    CONSTRAINT "workload_derivation_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
