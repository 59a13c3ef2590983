-- Node-pool right-sizing (issue 10, point 3): what the planner needs to place pods.
-- A pod's scheduling constraints (node selector, required node affinity, tolerations, hostname
-- anti-affinity) as one compact JSON value, NULL when it has none.
ALTER TABLE "pod" ADD COLUMN "scheduling" JSONB;
-- A node's taints ([] when none) and allocatable.pods (max pods), NULL when not reported.
ALTER TABLE "node" ADD COLUMN "taints" JSONB NOT NULL DEFAULT '[]';
ALTER TABLE "node" ADD COLUMN "max_pods" INTEGER;
