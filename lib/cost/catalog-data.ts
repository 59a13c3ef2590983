/**
 * Bundled on-demand list prices, USD per hour, Linux, no reservations or savings plans, as
 * published by each provider in the region given (taken 2025-01). Other regions differ by a
 * few percent; a lookup in a region not listed here falls back to the first entry of the same
 * type and says so. DigitalOcean lists monthly prices: hourly = monthly ÷ 672 h (its own cap),
 * as DigitalOcean publishes them.
 */
export type CatalogProvider = 'aws' | 'gcp' | 'azure' | 'digitalocean';

export interface CatalogEntry {
  provider: CatalogProvider;
  instanceType: string;
  region: string;
  usdPerHour: number;
  /** When the price was taken, `YYYY-MM`. */
  takenOn: string;
}

export const CATALOG_TAKEN_ON = '2025-01';

const at =
  (provider: CatalogProvider, region: string) =>
  (instanceType: string, usdPerHour: number): CatalogEntry => ({ provider, instanceType, region, usdPerHour, takenOn: CATALOG_TAKEN_ON });
const aws = at('aws', 'us-east-1');
const awsIreland = at('aws', 'eu-west-1');
const gcp = at('gcp', 'us-central1');
const azure = at('azure', 'eastus');
const doks = at('digitalocean', 'nyc1');

export const CATALOG: readonly CatalogEntry[] = [
  aws('t3.medium', 0.0416), aws('t3.large', 0.0832), aws('t3.xlarge', 0.1664),
  aws('m5.large', 0.096), aws('m5.xlarge', 0.192), aws('m5.2xlarge', 0.384), aws('m5.4xlarge', 0.768),
  aws('m6i.large', 0.096), aws('m6i.xlarge', 0.192), aws('m6i.2xlarge', 0.384), aws('m6i.4xlarge', 0.768),
  aws('m7i.large', 0.1008), aws('m7i.xlarge', 0.2016), aws('m7i.2xlarge', 0.4032),
  aws('c5.large', 0.085), aws('c5.xlarge', 0.17), aws('c5.2xlarge', 0.34),
  aws('c6i.large', 0.085), aws('c6i.xlarge', 0.17), aws('c6i.2xlarge', 0.34),
  aws('r5.large', 0.126), aws('r5.xlarge', 0.252), aws('r5.2xlarge', 0.504),
  aws('r6i.large', 0.126), aws('r6i.xlarge', 0.252), aws('r6i.2xlarge', 0.504),
  aws('g4dn.xlarge', 0.526), aws('g4dn.2xlarge', 0.752), aws('g5.xlarge', 1.006), aws('g5.2xlarge', 1.212),
  aws('p3.2xlarge', 3.06),
  awsIreland('m5.large', 0.107), awsIreland('m5.xlarge', 0.214), awsIreland('m6i.xlarge', 0.214),
  gcp('e2-standard-2', 0.067006), gcp('e2-standard-4', 0.134012), gcp('e2-standard-8', 0.268024),
  gcp('n1-standard-1', 0.0475), gcp('n1-standard-2', 0.095), gcp('n1-standard-4', 0.19), gcp('n1-standard-8', 0.38),
  gcp('n2-standard-2', 0.097118), gcp('n2-standard-4', 0.194236), gcp('n2-standard-8', 0.388472),
  gcp('n2d-standard-2', 0.084492), gcp('n2d-standard-4', 0.168984), gcp('c2-standard-4', 0.2088), gcp('c2-standard-8', 0.4176),
  gcp('a2-highgpu-1g', 3.673385), gcp('g2-standard-4', 0.70683),
  azure('Standard_D2s_v3', 0.096), azure('Standard_D4s_v3', 0.192), azure('Standard_D8s_v3', 0.384),
  azure('Standard_D2s_v5', 0.096), azure('Standard_D4s_v5', 0.192), azure('Standard_D8s_v5', 0.384),
  azure('Standard_E2s_v5', 0.126), azure('Standard_E4s_v5', 0.252), azure('Standard_F4s_v2', 0.169),
  azure('Standard_DS2_v2', 0.146), azure('Standard_NC6s_v3', 3.06),
  doks('s-1vcpu-2gb', 0.01786), doks('s-2vcpu-2gb', 0.02679), doks('s-2vcpu-4gb', 0.03571),
  doks('s-4vcpu-8gb', 0.07143), doks('s-8vcpu-16gb', 0.14286),
];

/**
 * Spot (preemptible) price = on-demand × (1 − discount), per provider, unless a price sheet
 * says otherwise. Typical long-run discounts; DigitalOcean has no spot market (0).
 */
export const SPOT_DISCOUNT: Readonly<Record<CatalogProvider, number>> = { aws: 0.65, gcp: 0.7, azure: 0.7, digitalocean: 0 };
