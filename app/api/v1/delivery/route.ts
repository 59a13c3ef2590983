import { allocationDefaults } from '@/lib/allocation/defaults';
import { getDatabase } from '@/lib/db/instance';
import { parseDeliveryParams, toCsv } from '@/lib/http/delivery-params';
import { errorResponse } from '@/lib/http/errors';
import { otherMethods } from '@/lib/http/methods';
import { getDelivery, type DeliveryRow } from '@/lib/queries/get-delivery';
import { deliverySettings } from '@/lib/settings/delivery';
import { currentTime } from '@/lib/util/clock';

export const dynamic = 'force-dynamic';

/** The CSV columns: every field of a row, tiers flattened. */
const DELIVERY_CSV_COLUMNS = [
  'name', 'deployments', 'deploymentsPerDay', 'configChanges', 'restarts', 'rollbacks', 'failedDeployments', 'changeFailureRate',
  'reworkRate', 'leadTimeSecondsMedian', 'leadTimeSecondsP90', 'leadTimeSamples', 'recoverySecondsMedian', 'rolloutSecondsMedian',
  'rolloutSecondsP90', 'podStartupSecondsP50', 'podStartupSecondsP90', 'schedulingWaitSecondsP90', 'unschedulablePods',
  'unschedulableSeconds', 'tierDeploymentFrequency', 'tierLeadTime', 'tierChangeFailureRate', 'tierRecoveryTime', 'costUsd',
  'costPerDeploymentUsd',
] as const;

const flat = (r: DeliveryRow): Record<string, unknown> => ({
  ...r,
  tierDeploymentFrequency: r.tiers.deploymentFrequency, tierLeadTime: r.tiers.leadTime,
  tierChangeFailureRate: r.tiers.changeFailureRate, tierRecoveryTime: r.tiers.recoveryTime,
});

/** DORA delivery metrics per team, namespace, controller or cluster over a window: JSON `{code, data}` or CSV. */
export async function GET(request: Request) {
  try {
    const now = currentTime();
    const params = parseDeliveryParams(new URL(request.url).searchParams, now.getTime(), deliverySettings().doraYear);
    const rows = await getDelivery(await getDatabase(), {
      from: new Date(params.window.startMs), to: new Date(params.window.endMs), aggregate: params.aggregate,
      filter: params.filter, doraYear: params.doraYear, costDefaults: allocationDefaults(now),
    });
    if (params.format === 'csv') {
      return new Response(toCsv(DELIVERY_CSV_COLUMNS, rows.map(flat)), {
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="delivery.csv"' },
      });
    }
    return Response.json({ code: 200, data: rows });
  } catch (error) {
    return errorResponse(error, request);
  }
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
