/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages with native-ish or WASM parts are loaded by Node, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/client', '@kubernetes/client-node', 'pg'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
