import { getDatabase } from '@/lib/db/instance';
import { parsePlatformParams, toCsv } from '@/lib/http/delivery-params';
import { errorResponse } from '@/lib/http/errors';
import { otherMethods } from '@/lib/http/methods';
import { getPlatformTimes } from '@/lib/queries/get-platform-times';
import { currentConfig } from '@/lib/settings/current';
import { currentTime } from '@/lib/util/clock';

export const dynamic = 'force-dynamic';

/** The CSV columns: every field of a group row (node pools are JSON only). */
const PLATFORM_CSV_COLUMNS = [
  'name', 'podsStarted', 'podStartupSecondsP50', 'podStartupSecondsP90', 'podStartupSecondsP99', 'schedulingWaitSecondsP50',
  'schedulingWaitSecondsP90', 'schedulingWaitSecondsP99', 'unschedulablePods', 'unschedulableSeconds', 'newNamespaces',
  'namespacesDeployed', 'firstDeploymentSecondsMedian', 'firstDeploymentSecondsP90', 'nodesCreated', 'nodesProvisioned',
  'nodeProvisioningSecondsP50', 'nodeProvisioningSecondsP90',
] as const;

/** Platform time to market per team, namespace or cluster over a window: JSON `{code, data, nodePools}` or CSV of `data`. */
export async function GET(request: Request) {
  try {
    const params = parsePlatformParams(new URL(request.url).searchParams, currentTime().getTime());
    const { teams } = currentConfig();
    const { groups, nodePools } = await getPlatformTimes(await getDatabase(), {
      from: new Date(params.window.startMs), to: new Date(params.window.endMs), aggregate: params.aggregate, filter: params.filter,
      attribution: { labelKeys: teams.labelKeys, namespaceTeams: teams.namespaces },
    });
    if (params.format === 'csv') {
      return new Response(toCsv(PLATFORM_CSV_COLUMNS, groups.map((g) => ({ ...g }))), {
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="platform.csv"' },
      });
    }
    return Response.json({ code: 200, data: groups, nodePools });
  } catch (error) {
    return errorResponse(error, request);
  }
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
