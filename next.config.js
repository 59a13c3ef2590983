/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages with native-ish or WASM parts are loaded by Node, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/client', '@kubernetes/client-node', 'pg'],
  poweredByHeader: false,
  typedRoutes: false,
  // Cost without a team has one page, /unallocated: its other names (the stored `unassigned`,
  // the API's `__unallocated__`, the dashboard's label) under /teams go there, filters kept.
  async redirects() {
    return ['unallocated', 'unassigned', '__unallocated__'].map((name) => ({ source: `/teams/${name}`, destination: '/unallocated', permanent: false }));
  },
};

export default nextConfig;
