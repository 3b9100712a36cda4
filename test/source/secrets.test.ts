import { describe, expect, it } from 'vitest';
import {
  couldBeCredential,
  decodeBase64,
  decodeSecretValue,
  decodeUtf8,
  encodeBase64,
  encodeBase64Bytes,
  encodeUtf8,
  findPrivateKey,
  findSensitiveValue,
  hasEnvReference,
  isPlaceholderValue,
  isWeakCredential,
  isPublicCertificate,
  nameWords,
  sensitiveNameReason,
  SENSITIVE_VALUE_PATTERNS,
} from '../../shared-rules/src/k8s/secrets';

function bytesOf(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('base64', () => {
  it('encodes and decodes like Node for every length 0..300 and random bytes', () => {
    for (let n = 0; n <= 300; n++) {
      const bytes = bytesOf(n, n + 1);
      const expected = Buffer.from(bytes).toString('base64');
      expect(encodeBase64Bytes(bytes)).toBe(expected);
      expect(Buffer.from(decodeBase64(expected)!).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('encodes large inputs in one piece', () => {
    const bytes = bytesOf(100_003, 7);
    expect(encodeBase64Bytes(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('encodes text as UTF-8 (what `echo -n … | base64` gives)', () => {
    for (const s of ['', 'a', 'hunter2', 'pässwörd', '密码', 'emoji 🔑 key', 'line\nbreak', '\u0000nul']) {
      expect(encodeBase64(s)).toBe(Buffer.from(s, 'utf8').toString('base64'));
    }
  });

  it('ignores line breaks as the API server does, and nothing else', () => {
    expect(decodeSecretValue('aHVu\ndGVy\r\nMg==\n')?.text).toBe('hunter2');
    expect(decodeBase64('aHVu dGVyMg==')).toBeUndefined();
    expect(decodeBase64('aHVu\tdGVyMg==')).toBeUndefined();
  });

  it('rejects what Go StdEncoding rejects', () => {
    for (const bad of ['abc', 'YQ=', 'Y===', '====', 'YQ==YQ==', 'YQ=a', 'a-_b', 'hunter2!', 'pässwort', '=YQ=']) {
      expect(decodeBase64(bad), bad).toBeUndefined();
    }
    expect(decodeBase64('')).toEqual(new Uint8Array(0));
    expect(decodeBase64('YQ==')).toEqual(new Uint8Array([97]));
    expect(decodeBase64('YWI=')).toEqual(new Uint8Array([97, 98]));
  });
});

describe('UTF-8', () => {
  it('matches Node for BMP, astral and lone surrogates', () => {
    for (const s of ['', 'ascii', 'é', '€', '𝄞', 'a\ud800b', '\udc00', 'x'.repeat(5000) + '€']) {
      expect(Buffer.from(encodeUtf8(s)).equals(Buffer.from(s, 'utf8')), JSON.stringify(s)).toBe(true);
      expect(decodeUtf8(encodeUtf8(s))).toBe(Buffer.from(s, 'utf8').toString('utf8'));
    }
  });

  it('is strict about malformed, overlong and surrogate sequences', () => {
    for (const bad of [[0xff], [0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]) {
      expect(decodeUtf8(new Uint8Array(bad)), String(bad)).toBeUndefined();
      expect(decodeUtf8(new Uint8Array(bad), false)).toContain('\ufffd');
    }
  });
});

describe('decodeSecretValue', () => {
  it('gives the text and its length in bytes', () => {
    expect(decodeSecretValue(encodeBase64('pässwort'))).toEqual({ text: 'pässwort', binary: false, byteLength: 9 });
  });
  it('marks binary values', () => {
    expect(decodeSecretValue(Buffer.from([0, 1, 2, 3]).toString('base64'))?.binary).toBe(true);
    expect(decodeSecretValue(Buffer.from([0xff, 0xfe]).toString('base64'))).toEqual({ text: '\ufffd\ufffd', binary: true, byteLength: 2 });
    expect(decodeSecretValue(encodeBase64('a\tb\nc\r\n'))?.binary).toBe(false);
  });
  it('is undefined for invalid base64', () => {
    expect(decodeSecretValue('hunter2')).toBeUndefined();
  });
});

describe('placeholders and references', () => {
  it.each([
    '',
    '  ',
    'REPLACE_ME',
    'replaceme',
    'TODO',
    'xxx',
    'XXXXXXXX',
    '***',
    '...',
    '<password>',
    '<your token here>',
    '${DB_PASSWORD}',
    '$(TOKEN)',
    '{{ .Values.pw }}',
    '%PASSWORD%',
    '__TOKEN__',
    '@token@',
    'your-api-key',
    'yourpassword',
    'redacted',
    'n/a',
    '...base64 encoded data...',
    'INSERT_ETCD_DISCOVERY_TOKEN',
    'enter your key',
    'fake_password',
    'SOME VALUE',
    'some password',
    'value',
    'foo',
  ])('%j is a placeholder', (v) => expect(isPlaceholderValue(v)).toBe(true));
  it.each(['hunter2', 'passw0rd', 'mysql', 's3cr3t!', 'changeme2', 'x', 'TODO: real value later', '<a><b>'])('%j is not a placeholder', (v) =>
    expect(isPlaceholderValue(v)).toBe(false),
  );
  it.each(['password', 'admin', 'changeme', 'CHANGE_ME', 'change-it', 'SECRET', 'root', '123456'])('%j is a weak credential, not a placeholder', (v) => {
    expect(isPlaceholderValue(v)).toBe(false);
    expect(isWeakCredential(v)).toBe(true);
  });
  it.each(['<password>', '${PASSWORD}', 'REPLACE_ME', 'xxx', 'hunter2-but-longer'])('%j is not a weak credential', (v) =>
    expect(isWeakCredential(v)).toBe(false),
  );
  it('finds $(VAR) references', () => {
    expect(hasEnvReference('Bearer $(TOKEN)')).toBe(true);
    expect(hasEnvReference('$$(TOKEN)')).toBe(true);
    expect(hasEnvReference('$TOKEN')).toBe(false);
  });
});

describe('sensitive names', () => {
  it('splits names into words', () => {
    expect(nameWords('dbPassword')).toEqual(['db', 'password']);
    expect(nameWords('DB_PASSWORD')).toEqual(['db', 'password']);
    expect(nameWords('api-key.txt')).toEqual(['api', 'key', 'txt']);
  });
  it.each([
    ['AWS_SECRET_ACCESS_KEY', 'AWS_SECRET_ACCESS_KEY'],
    ['GOOGLE_APPLICATION_CREDENTIALS', 'GOOGLE_APPLICATION_CREDENTIALS'],
    ['AZURE_STORAGE_KEY', 'AZURE_STORAGE_KEY'],
    ['OCI_CLI_KEY_CONTENT', 'OCI_CLI_KEY_CONTENT'],
    ['DB_PASSWORD', 'password'],
    ['dbPassword', 'password'],
    ['GITHUB_TOKEN', 'token'],
    ['accessToken', 'token'],
    ['NEXTAUTH_SECRET', 'secret'],
    ['AUTH_BEARER', 'bearer'],
    ['SERVICE_CREDENTIALS_JSON', 'credential'],
    ['API_KEY', 'key'],
    ['SECRET_KEY', 'secret'],
    ['STRIPE_KEY', 'key'],
    ['KEY', 'key'],
    ['REDIS_PASS', 'pass'],
    ['MYSQL_PWD', 'pwd'],
    ['JWT', 'jwt'],
    ['apikey', 'apikey'],
  ])('%s is sensitive (%s)', (name, reason) => expect(sensitiveNameReason(name)).toBe(reason));
  it.each([
    'SECRET_NAME',
    'TOKEN_PATH',
    'PASSWORD_FILE',
    'PASSWORD_MIN_LENGTH',
    'JWT_ISSUER',
    'TOKEN_TTL_SECONDS',
    'CACHE_KEY',
    'PUBLIC_KEY',
    'KEY_PREFIX',
    'AWS_ACCESS_KEY_ID',
    'KEYCLOAK_URL',
    'MONKEY',
    'BYPASS_CACHE',
    'PASSPORT_ENABLED',
    'LOG_LEVEL',
    'PORT',
    '',
  ])('%s is not sensitive', (name) => expect(sensitiveNameReason(name)).toBeUndefined());
  it('keeps values that can be credentials and drops flags, paths, URLs and references', () => {
    for (const v of ['hunter2', 'Sup3r$ecret', 'abcd', '12345678']) expect(couldBeCredential(v), v).toBe(true);
    for (const v of [
      '',
      'ab',
      'true',
      'False',
      'yes',
      'enabled',
      '0',
      '443',
      '/var/run/secrets/token',
      './key.pem',
      'C:\\keys\\a.pem',
      'https://auth.example.com/token',
      '$(DB_PASSWORD)',
      '<password>',
      'REPLACE_ME',
    ]) {
      expect(couldBeCredential(v), v).toBe(false);
    }
  });
});

const PRIVATE_KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n';
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

describe('sensitive values', () => {
  it.each([
    ['private-key', PRIVATE_KEY],
    ['private-key', '-----BEGIN PRIVATE KEY-----'],
    ['private-key', '-----BEGIN OPENSSH PRIVATE KEY-----'],
    ['private-key', '-----BEGIN PGP PRIVATE KEY BLOCK-----'],
    ['private-key', '---BEGIN OPENSSH PRIVATE KEY---'],
    ['jwt', `Bearer ${JWT}`],
    ['aws-access-key-id', 'AKIAIOSFODNN7EXAMPLE'],
    ['github-token', `ghp_${'a1B2'.repeat(9)}`],
    ['gitlab-token', 'glpat-abcdefghij0123456789'],
    ['google-api-key', `AIza${'S'.repeat(35)}`],
    ['slack-token', 'xoxb-1234567890-abcdefghij'],
    ['slack-webhook', 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'],
    ['stripe-key', `sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`],
    ['sendgrid-key', `SG.${'a'.repeat(22)}.${'b'.repeat(43)}`],
    ['npm-token', `npm_${'a'.repeat(36)}`],
    ['azure-storage-key', `DefaultEndpointsProtocol=https;AccountName=x;AccountKey=${'A'.repeat(86)}==;`],
    ['url-credentials', 'postgres://app:hunter2@db:5432/app'],
    ['url-credentials', 'redis://:s3cret@redis:6379'],
    ['url-credentials', 'amqp://guest:${PW}@mq/ http://u:realpw@host'],
  ])('finds %s', (id, value) => expect(findSensitiveValue(value)?.pattern.id).toBe(id));

  it.each([
    '',
    'hello world',
    'AKIAIOSFODNN7EXAMPLEX',
    'eyJhbGciOiJIUzI1NiJ9',
    'postgres://app:$(DB_PASSWORD)@db/app',
    'postgres://app:<password>@db',
    'https://example.com/a:b@c',
    'mailto:someone@example.com',
    '-----BEGIN CERTIFICATE-----',
    'ghp_short',
  ])('finds nothing in %j', (value) => expect(findSensitiveValue(value)).toBeUndefined());

  it('reports where the match is', () => {
    const m = findSensitiveValue(`key: ${PRIVATE_KEY}`)!;
    expect(m.index).toBe(5);
    expect(m.text).toBe('-----BEGIN RSA PRIVATE KEY-----');
    expect(findPrivateKey(`x ${PRIVATE_KEY}`)?.index).toBe(2);
    expect(findPrivateKey(JWT)).toBeUndefined();
  });

  it('recognises public certificates', () => {
    const cert = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';
    expect(isPublicCertificate(cert)).toBe(true);
    expect(isPublicCertificate(cert + cert)).toBe(true);
    expect(isPublicCertificate(cert + PRIVATE_KEY)).toBe(false);
    expect(isPublicCertificate('hello')).toBe(false);
  });
});

describe('every pattern is linear-time (100k-character adversarial input)', () => {
  const N = 100_000;
  const fill = (unit: string, tail = '') => unit.repeat(Math.ceil((N - tail.length) / unit.length)).slice(0, N - tail.length) + tail;
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const random = Array.from(bytesOf(N, 3), (b) => b64[b & 63]).join('');
  const adversarial: Record<string, string> = {
    a: fill('a'),
    A: fill('A'),
    digits: fill('0'),
    dashes: fill('-'),
    equals: fill('='),
    spaces: fill(' '),
    random,
    beginRepeated: fill('-----BEGIN '),
    beginLongName: '-----BEGIN ' + fill('A ', '!'),
    beginNoEnd: fill('-----BEGIN PRIVATE KE'),
    eyJRepeated: fill('eyJ'),
    eyJDashes: fill('eyJ-'),
    eyJLong: 'eyJ' + fill('a'),
    jwtTwoParts: fill('eyJaaaaaaaaaaa.'),
    jwtAlmost: 'eyJ' + 'a'.repeat(N / 2 - 4) + '.eyJ' + fill('b').slice(N / 2),
    akia: fill('AKIA'),
    ghp: fill('ghp_'),
    ghpLong: 'ghp_' + fill('a'),
    githubPat: 'github_pat_' + fill('_'),
    glpat: fill('glpat-'),
    aiza: fill('AIza'),
    xox: fill('xoxb-'),
    xoxDashes: 'xoxb-' + fill('-'),
    slackHook: fill('https://hooks.slack.com/services/T'),
    stripe: fill('sk_live_'),
    sendgrid: fill('SG.'),
    sendgridAlmost: fill('SG.' + 'a'.repeat(22) + '.'),
    npm: fill('npm_'),
    accountKey: fill('AccountKey='),
    accountKeyLong: 'AccountKey=' + fill('A'),
    schemes: fill('a://'),
    schemeLongUser: 'a://' + fill('b'),
    schemeLongPassword: 'a://b:' + fill('c'),
    schemeColons: 'ab://' + fill(':'),
    schemeNoAt: fill('ab://c:d'),
    letters: fill('ab+'),
    refs: fill('$('),
    refLong: '$(' + fill('A'),
    certRepeated: fill('-----BEGIN CERTIFICATE-----'),
    certLong: '-----BEGIN CERTIFICATE-----' + fill('A'),
    certNoEnd: '-----BEGIN CERTIFICATE-----' + fill('A\n'),
    placeholderish: '<' + fill('<'),
    camel: fill('aB'),
  };
  const checks: Array<[string, (s: string) => unknown]> = [
    ...SENSITIVE_VALUE_PATTERNS.map((p) => [p.id, (s: string) => p.regex.exec(s)] as [string, (s: string) => unknown]),
    ['findSensitiveValue', findSensitiveValue],
    ['isPlaceholderValue', isPlaceholderValue],
    ['hasEnvReference', hasEnvReference],
    ['isPublicCertificate', isPublicCertificate],
    ['sensitiveNameReason', sensitiveNameReason],
    ['couldBeCredential', couldBeCredential],
    ['decodeSecretValue', decodeSecretValue],
  ];
  for (const [id, run] of checks) {
    it(id, () => {
      let worst = 0;
      let worstInput = '';
      for (const [name, input] of Object.entries(adversarial)) {
        const t0 = performance.now();
        run(input);
        const ms = performance.now() - t0;
        if (ms > worst) [worst, worstInput] = [ms, name];
      }
      expect(worst, `slowest input: ${worstInput}`).toBeLessThan(200);
    });
  }
});
