/**
 * The demo cluster's own certificate authority and serving certificate, made in memory at
 * start (ECDSA P-256, as kubeadm's defaults would be RSA but any client accepts either).
 * Clients trust the CA through `certificate-authority-data` in the kubeconfig, so kubectl
 * sends the bearer token (it refuses to over plain http) and nothing skips verification.
 */
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

export interface DemoTls {
  /** PEM of the self-signed CA, for `certificate-authority-data` and `ca` options. */
  caPem: string;
  /** PEM of the serving certificate (SAN 127.0.0.1, ::1, localhost and the listen host). */
  certPem: string;
  /** PKCS#8 PEM of the serving certificate's key. */
  keyPem: string;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;

function pem(label: string, der: ArrayBuffer): string {
  const base64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${base64.trimEnd()}\n-----END ${label}-----\n`;
}

function serial(): string {
  // Positive, 16 random bytes, as Go's crypto/x509 recommends.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

/**
 * A fresh CA and a server certificate signed by it. `hosts` are added to the SANs besides
 * 127.0.0.1, ::1 and localhost. Validity: a year either side of the real clock's `now`, so a
 * client whose clock is days or weeks off (a skewed machine, a process under faketime beside
 * one that is not) still trusts it; the simulated clock does not matter, TLS checks real time.
 */
export async function createDemoTls(hosts: readonly string[] = [], now = new Date()): Promise<DemoTls> {
  const crypto = webcrypto as unknown as Crypto;
  x509.cryptoProvider.set(crypto);
  const notBefore = new Date(now.getTime() - 365 * DAY_MS);
  const notAfter = new Date(now.getTime() + 365 * DAY_MS);
  const caKeys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=tally-demo-ca',
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const serverKeys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const names = new Map<string, x509.JsonGeneralName>();
  for (const host of ['127.0.0.1', '::1', 'localhost', ...hosts]) {
    if (host === '' || host === '0.0.0.0' || host === '::') continue;
    names.set(host, isIp(host) ? { type: 'ip', value: host } : { type: 'dns', value: host });
  }
  const server = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=kube-apiserver',
    issuer: ca.subject,
    notBefore,
    notAfter,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([...names.values()]),
      await x509.AuthorityKeyIdentifierExtension.create(ca, false),
    ],
  });
  const keyDer = await crypto.subtle.exportKey('pkcs8', serverKeys.privateKey);
  return { caPem: ca.toString('pem'), certPem: server.toString('pem'), keyPem: pem('PRIVATE KEY', keyDer) };
}
