-- Month close (issue 11 §4): a closed month's report, allocations and export rows, frozen as they
-- were when finance signed off, and served from here until the month is explicitly re-opened.
CREATE TABLE "month_close" (
    "month" TEXT NOT NULL,
    "closed_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_by" TEXT NOT NULL,
    "total_cost_usd" DOUBLE PRECISION NOT NULL,
    "recomputed_total_usd" DOUBLE PRECISION,
    "recomputed_at" TIMESTAMPTZ(3),
    "recomputed_version" TEXT,
    "ready" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "month_close_pkey" PRIMARY KEY ("month")
);

-- One frozen document per view: kind 'report' (key: cluster|idle) or 'allocation' (key: aggregate|idle).
CREATE TABLE "month_close_snapshot" (
    "month" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "month_close_snapshot_pkey" PRIMARY KEY ("month","kind","key")
);

-- The export's rows (one per cluster × team × namespace × workload × day) per scope (one cluster, or
-- '*' for all of them) and idle mode, in order.
CREATE TABLE "month_close_row" (
    "month" TEXT NOT NULL,
    "idle" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "cluster" TEXT NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "month_close_row_pkey" PRIMARY KEY ("month","cluster","idle","seq")
);

ALTER TABLE "month_close_snapshot" ADD CONSTRAINT "month_close_snapshot_month_fkey" FOREIGN KEY ("month") REFERENCES "month_close"("month") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "month_close_row" ADD CONSTRAINT "month_close_row_month_fkey" FOREIGN KEY ("month") REFERENCES "month_close"("month") ON DELETE CASCADE ON UPDATE CASCADE;
