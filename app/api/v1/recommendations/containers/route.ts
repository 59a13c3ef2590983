import { getDatabase } from '@/lib/db/instance';
import { errorResponse } from '@/lib/http/errors';
import { otherMethods } from '@/lib/http/methods';
import {
  parseRecommendationParams, recommendationGroupOut, recommendationGroupsCsv, recommendationOut, recommendationsCsv,
} from '@/lib/http/recommendations';
import { getContainerRecommendations } from '@/lib/queries/get-container-recommendations';
import { currentConfig } from '@/lib/settings/current';
import { currentTime } from '@/lib/util/clock';

export const dynamic = 'force-dynamic';

const CSV_HEADERS = { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="recommendations.csv"' };

/**
 * Container right-sizing (issue 10 §4): one row per container of a workload, or with `aggregate`
 * one per group with the summed saving; JSON `{code, data}` or CSV; errors as `{error:{code,message}}`.
 */
export async function GET(request: Request) {
  try {
    const params = parseRecommendationParams(
      new URL(request.url).searchParams, currentTime().getTime(), currentConfig().recommendations.lookbackDays,
    );
    const { rows, groups } = await getContainerRecommendations(await getDatabase(), {
      startMs: params.window.startMs, endMs: params.window.endMs, strategy: params.strategy, filter: params.filter, aggregate: params.aggregate,
      limitPolicy: params.limitPolicy, includeHpaResources: params.includeHpaResources,
    });
    if (groups) {
      const data = groups.map(recommendationGroupOut);
      return params.format === 'csv' ? new Response(recommendationGroupsCsv(data), { headers: CSV_HEADERS }) : Response.json({ code: 200, data });
    }
    const data = rows.map(recommendationOut);
    return params.format === 'csv' ? new Response(recommendationsCsv(data), { headers: CSV_HEADERS }) : Response.json({ code: 200, data });
  } catch (error) {
    return errorResponse(error, request);
  }
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
