-- Budget alerts (issue 11 §2): one row per team or cluster, month and kind (forecast-over-budget,
-- over-budget), raised once whatever the replica or restart (the unique key, INSERT … ON CONFLICT
-- DO NOTHING), and one delivery per alert and configured webhook (named, never its URL).
CREATE TABLE "budget_alert" (
    "id" SERIAL NOT NULL,
    "scope" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "cost_usd" DOUBLE PRECISION NOT NULL,
    "forecast_usd" DOUBLE PRECISION NOT NULL,
    "budget_usd" DOUBLE PRECISION NOT NULL,
    "raised_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "budget_alert_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "budget_alert_scope_name_month_kind_key" ON "budget_alert"("scope", "name", "month", "kind");
CREATE INDEX "budget_alert_month_idx" ON "budget_alert"("month");

-- status pending → sent | failed. A sender claims a pending, due delivery by setting its lease
-- (UPDATE … WHERE the lease is free … RETURNING): two replicas never send the same one at once.
CREATE TABLE "budget_alert_delivery" (
    "alert_id" INTEGER NOT NULL,
    "webhook" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "lease_until" TIMESTAMPTZ(3),
    "lease_owner" TEXT,

    CONSTRAINT "budget_alert_delivery_pkey" PRIMARY KEY ("alert_id","webhook"),
    CONSTRAINT "budget_alert_delivery_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "budget_alert"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "budget_alert_delivery_status_next_attempt_at_idx" ON "budget_alert_delivery"("status", "next_attempt_at");
