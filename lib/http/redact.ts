const MASK = '***';

// Shapes a secret takes in an error message, whatever its value.
const PATTERNS: [RegExp, string][] = [
  // scheme://user:password@host → scheme://user:***@host
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*):[^\s@/]*@/gi, `$1:${MASK}@`],
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${MASK}`],
  // token: x, "password":"x", client-key-data=x, api_key=x
  [/\b([\w-]*(?:token|password|passwd|secret|api[_-]?key|key-data|certificate-data)["']?\s*[:=]\s*["']?)[^\s"',;}]+/gi, `$1${MASK}`],
  // JSON Web Tokens (service-account tokens are JWTs)
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, MASK],
];

const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE/i;

/** Values in the environment that are secrets: sensitive-named variables and URL passwords. */
function secretsIn(env: Record<string, string | undefined>): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    if (SECRET_NAME.test(name) && value.length >= 4) secrets.push(value);
    if (/^[a-z][a-z0-9+.-]*:\/\/[^\s/]*:[^\s/]*@/i.test(value)) {
      try {
        const password = decodeURIComponent(new URL(value).password);
        if (password.length >= 4) secrets.push(password, new URL(value).password);
      } catch {
        // not a URL after all: the pattern above still masks its credentials
      }
    }
  }
  return [...new Set(secrets)].sort((a, b) => b.length - a.length);
}

/**
 * The text with credentials masked as `***`: URL passwords, bearer and basic credentials,
 * `token:`/`password=`-style values, JWTs, and any value of a secret-named environment
 * variable or password of a URL in the environment (e.g. DATABASE_URL's). For log lines.
 */
export function redactSecrets(text: string, env: Record<string, string | undefined> = process.env): string {
  let out = text;
  for (const secret of secretsIn(env)) out = out.split(secret).join(MASK);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
