// Runs the detectors over detect-secrets' test_data: every secret a person would call real must be
// found, files without secrets must give nothing. Files whose content is debatable are shown, not scored.
// Usage: npx tsx bench/eval-secrets.ts [dir]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { maskValue } from '../src/core/index.js';
import { createDetectorSet, detectConfigSchema } from '../src/detect/index.js';
import { sharedData } from './shared-data.js';

/**
 * Judgement per file: the secret values that must be found, or `[]` for files that must give nothing.
 * AWS's documented example keys (…EXAMPLE, AKIATESTTEST…) are placeholders, not secrets.
 */
const EXPECT: Record<string, string[] | 'unscored'> = {
  'config.env': ['gX69YO4CvBsVjzAwYxdGyDd30t5+9ez31gKATtj4'],
  'config.ini': ['123456789a1234', '23456789a1', 'vh987tyw9ehy8ghis7vwyhiwbwitefy7w3ASDGYDGUASDG'],
  'config.md': ['ToCynx5Se4e2PtoZxEhW7lUJcOX15c54'],
  'config.yaml': ['ToCynx5Se4e2PtoZxEhW7lUJcOX15c54'],
  'config2.yaml': ['MmIwMDA0MmY3NDgxYzdiMDU2YzRiNDEwZDI4ZjMzY2Y='],
  'each_secret.py': [
    'c2VjcmV0IG1lc3NhZ2Ugc28geW91J2xsIG5ldmVyIGd1ZXNzIG15IHBhc3N3b3Jk',
    '8b1118b376c313ed420e5133ba91307817ed52c2',
    'whywouldyouusehttpforpasswords',
  ],
  'files/file_with_secrets.py': ['c3VwZXIgbG9uZyBzdHJpbmcgc2hvdWxkIGNhdXNlIGVub3VnaCBlbnRyb3B5', 'f6CGV4aMM9zedoh3OUNbSakBymo7yplB'],
  'files/tmp/file_with_secrets.py': ['60b725f10c9c85c70d97880dfe8191b3', '3b5d5c3712955042212316173ccf37be'],
  'files/private_key': ['somethingSuperRandomAndSecretHereThatShouldNeverBeShared'],
  'files/file_with_no_secrets.py': [],
  'files/file_with_custom_secrets.py': [],
  'files/tmp/file_with_no_secrets.py': [],
  'files/tmp/__init__.py': [],
  'only_comments.yaml': [],
  'word_list.txt': [],
  'performance/best-songs.txt': [],
  'performance/long-file.test.json': [],
  'performance/long-lines.test.json': [],
  'baseline.file': [],
  // Debatable: weak passwords and nested YAML values written to test line numbers, hashes in a diff.
  'short_files/first_line.php': 'unscored',
  'short_files/last_line.ini': 'unscored',
  'short_files/middle_line.yml': 'unscored',
  'sample.diff': 'unscored',
  LICENSE: [],
};

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const root = process.argv[2] ?? sharedData('secrets', 'detect-secrets-test_data');
const set = createDetectorSet(detectConfigSchema.parse({}));
let failures = 0;
let expected = 0;
let found = 0;
for (const path of walk(root).sort()) {
  const rel = relative(root, path);
  const text = readFileSync(path, 'utf8');
  const secrets = set.detect(text).filter((e) => e.detector.startsWith('secret.'));
  const want = EXPECT[rel] ?? 'unscored';
  let status: string;
  if (want === 'unscored') status = 'shown';
  else if (want.length === 0) {
    status = secrets.length === 0 ? 'ok (nothing, as expected)' : 'FAIL (false positives)';
  } else {
    const missing = want.filter((v) => !secrets.some((e) => text.slice(e.start, e.end).includes(v) || v.includes(text.slice(e.start, e.end))));
    expected += want.length;
    found += want.length - missing.length;
    status = missing.length === 0 ? `ok (${want.length}/${want.length} found)` : `FAIL (missing ${missing.map((m) => maskValue(m)).join(', ')})`;
  }
  if (status.startsWith('FAIL')) failures++;
  console.log(`${rel.padEnd(36)} ${status}`);
  for (const e of secrets) console.log(`    ${e.detector.padEnd(32)} ${e.confidence.toFixed(2)}  ${maskValue(e.value.slice(0, 60).replace(/\s+/g, " "))}`);
}
console.log(`\nreal secrets found: ${found}/${expected}; files failing: ${failures}`);
process.exitCode = failures === 0 ? 0 : 1;
