import { NextResponse, type NextRequest } from 'next/server';

/**
 * A team segment that is not percent-encoded UTF-8 (`/teams/%E0`) makes Next's own param
 * decoding fail with a bare 500 before any page code runs: answer it as what it is, a page
 * that cannot exist (the not-found page, status 404), never an error.
 */
export function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return NextResponse.next();
  } catch {
    return NextResponse.rewrite(new URL('/_not-found', request.url), { status: 404 });
  }
}

export const config = { matcher: '/teams/:path*' };
