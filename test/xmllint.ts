// Validates XML against a schema in data/schemas with xmllint (offline: --nonet), the document on stdin.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCHEMAS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data/schemas');

export const XMLLINT_MISSING = spawnSync('xmllint', ['--version']).error
  ? 'xmllint is missing: these tests validate responses with it. Install it with: apt-get install -y libxml2-utils'
  : null;

/** `xmllint --noout --nonet --schema data/schemas/<schema> -`: exit code 0 when valid; stderr says why not. */
export function xmllint(xml: string, schema: string): Promise<{ code: number | null; stderr: string }> {
  if (XMLLINT_MISSING) throw new Error(XMLLINT_MISSING);
  return new Promise((resolve, reject) => {
    const p = spawn('xmllint', ['--noout', '--nonet', '--schema', path.join(SCHEMAS, schema), '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (b) => {
      stderr += b;
    });
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stderr }));
    p.stdin.end(xml, 'utf8');
  });
}
