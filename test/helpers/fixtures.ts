import { fileURLToPath } from 'node:url';

/** The folder of JSON captured from real clusters (sources in its README.md). */
export const K8S_FIXTURES_DIR = fileURLToPath(new URL('../fixtures/k8s/', import.meta.url));

/** Absolute path of one file in test/fixtures/k8s. */
export function k8sFixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/k8s/${name}`, import.meta.url));
}
