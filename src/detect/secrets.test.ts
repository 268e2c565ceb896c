import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foundBy } from './test-support/detect.js';

// Token-shaped test values are assembled at run time so that this file itself holds no token.
const t = (...parts: string[]) => parts.join('');
const RANDOM36 = 'a8Kd02Lm9QzX4vBn7WcE1rTy6UiOp3SdFgHj';

describe('secret tokens by family', () => {
  it('private key blocks: PEM, OpenSSH, PGP; the whole block is one finding', () => {
    const pem = t('-----BEGIN RSA ', 'PRIVATE KEY-----\nMIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\n-----END RSA ', 'PRIVATE KEY-----');
    assert.deepEqual(foundBy('secret.', `key:\n${pem}\n`), [['secret.private_key', pem]]);
    const pgp = t('-----BEGIN PGP ', 'PRIVATE KEY BLOCK-----\n\nlQOYBF\n-----END PGP ', 'PRIVATE KEY BLOCK-----');
    assert.deepEqual(foundBy('secret.', pgp), [['secret.private_key', pgp]]);
    assert.deepEqual(foundBy('secret.', t('-----BEGIN ', 'PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----')), []);
  });

  it('cloud keys: AWS key id, Google API key, Azure account key', () => {
    const aws = t('AKIA', 'Q3EGRIT', 'NZ4XKHB7T');
    assert.deepEqual(foundBy('secret.', `id ${aws} ok`), [['secret.aws_access_key_id', aws]]);
    const gcp = t('AIza', 'SyD8x9K2mQ', 'wErTyUiOpAsDfGhJkLzXcVbN0');
    assert.deepEqual(foundBy('secret.', `key=${gcp}`).map(([d]) => d), ['secret.gcp_api_key']);
    const account = t('AccountKey=', 'Zm9vYmFyYmF6cXV4', 'Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cQ==');
    assert.deepEqual(foundBy('secret.', `DefaultEndpointsProtocol=https;AccountName=x;${account};EndpointSuffix=core.windows.net`).map(([d]) => d), ['secret.azure_storage_key']);
  });

  it('SaaS tokens: GitHub, GitLab, Slack, Stripe, SendGrid, npm, PyPI, JWT', () => {
    const cases: [string, string][] = [
      ['secret.github_token', t('gh', 'p_', RANDOM36)],
      ['secret.gitlab_token', t('gl', 'pat-', 'xY7kP2mN9qR4sT6vW8zA')],
      ['secret.slack_token', t('xo', 'xb-', '2634758396-2634758391234-aB3dE5fG7hJ9kL1mN3pQ5rS7')],
      ['secret.stripe_key', t('sk', '_live_', '4eC39HqLyjWDarjtT1zdp7dc')],
      ['secret.sendgrid_api_key', t('SG', '.', 'ngeVfQFYQlKU0ufo8x5d1A', '.', 'TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr')],
      ['secret.npm_token', t('npm', '_', RANDOM36)],
      ['secret.jwt', t('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', '.', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U')],
    ];
    for (const [detector, token] of cases) assert.deepEqual(foundBy('secret.', `value ${token} end`), [[detector, token]], detector);
  });

  it('credentials in URLs, but not placeholders or host:port', () => {
    assert.deepEqual(foundBy('secret.', 'db = postgres://app:Xk9vLp2WqZ@db.internal/prod'), [['secret.url_credentials', 'postgres://app:Xk9vLp2WqZ@db.internal']]);
    assert.deepEqual(foundBy('secret.', 'see https://user:${PASSWORD}@example.com/'), []);
    assert.deepEqual(foundBy('secret.', 'see https://example.com:8443/path'), []);
  });

  it('placeholders are not secrets: documented AWS examples, repeated characters', () => {
    assert.deepEqual(foundBy('secret.', t('AKIA', 'IOSFODNN7', 'EXAMPLE')), []);
    assert.deepEqual(foundBy('secret.', t('AKIA', 'TESTTESTTESTTEST')), []);
  });
});

describe('generic secrets next to key-like words', () => {
  it('password / secret / token assignments in code, config and JSON', () => {
    assert.deepEqual(foundBy('secret.', "db_password = 'f6CGV4aMM9zedoh3OUNbSakBymo7yplB'"), [['secret.keyword_assignment', 'f6CGV4aMM9zedoh3OUNbSakBymo7yplB']]);
    assert.deepEqual(foundBy('secret.', '{"client_secret": "9f8e7d6c5b4a39281706f5e4d3c2b1a0"}'), [['secret.keyword_assignment', '9f8e7d6c5b4a39281706f5e4d3c2b1a0']]);
    assert.deepEqual(foundBy('secret.', 'PASSWORD=Tr0ub4dor&3x'), [['secret.keyword_assignment', 'Tr0ub4dor']]);
    assert.deepEqual(foundBy('secret.', 'パスワード：Hk29dLq8'), [['secret.keyword_assignment', 'Hk29dLq8']]);
  });

  it('a password-like part anywhere in the name counts, and PASS alone does not', () => {
    const value = ': Zx8vQ2mN7pL4';
    for (const name of ['XPASS', 'mypasswd', 'bypass_in_the_long_name_of_a_setting', 'pass?', 'TOKEN_of_the_service_account_for_backups '])
      assert.deepEqual(foundBy('secret.', name + value), [['secret.keyword_assignment', 'Zx8vQ2mN7pL4']], name);
    for (const name of ['PASS', 'PASSX', 'Ssh']) assert.deepEqual(foundBy('secret.', name + value), [], name);
  });

  it('a random value assigned to any name is a high-entropy secret', () => {
    assert.deepEqual(foundBy('secret.', 'mimi=gX69YO4CvBsVjzAwYxdGyDd30t5+9ez31gKATtj4'), [['secret.generic_high_entropy', 'gX69YO4CvBsVjzAwYxdGyDd30t5+9ez31gKATtj4']]);
  });

  it('not: references, type annotations, sentences, ids, hashes, file names', () => {
    for (const text of [
      'password = os.environ["DB_PASSWORD"]',
      'password: ${DB_PASSWORD}',
      'token: string;',
      "SECRET_VALUE = 'this is just a long string, like a user facing error message'",
      "user_id = 'ToCynx5Se4e2PtoZxEhW7lUJcOX15c54'",
      '"hashed_secret": "513e0a36963ae1e8431c041b744679ee578b7c44"',
      '\t* agent/preset-passphrase.c: Ditto.',
      'PASS: gdb.base/break.exp: continue to breakpoint',
      'password = changeme',
    ]) assert.deepEqual(foundBy('secret.', text), [], text);
  });
});
