import { getDatabase } from '@/lib/db/instance';
import { exportChunks, exportFileName } from '@/lib/export/run';
import { errorResponse } from '@/lib/http/errors';
import { parseExportParams } from '@/lib/http/export-params';
import { otherMethods } from '@/lib/http/methods';
import { currentTime } from '@/lib/util/clock';

export const dynamic = 'force-dynamic';

/** The month's allocations as FOCUS 1.2 (default) or Tally's CSV, streamed one charge period at a time. */
export async function GET(request: Request) {
  try {
    const now = currentTime();
    const params = parseExportParams(new URL(request.url).searchParams, now.getTime());
    const chunks = exportChunks(await getDatabase(), params, now);
    // The header and the first row (the first period computed) are read before answering, so a failure to start is still a JSON error.
    const head = [await chunks.next(), await chunks.next()];
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of head) if (!chunk.done) controller.enqueue(encoder.encode(chunk.value));
      },
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return new Response(body, {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${exportFileName(params)}"` },
    });
  } catch (error) {
    return errorResponse(error, request);
  }
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
