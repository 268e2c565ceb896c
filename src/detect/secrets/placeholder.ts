const WORDS = new Set([
  'string', 'number', 'boolean', 'bool', 'str', 'int', 'bytes', 'any', 'object', 'null', 'none', 'nil', 'undefined', 'true', 'false',
  'optional', 'required', 'hidden', 'text', 'password', 'passwd', 'secret', 'token', 'yes', 'no', 'on', 'off', 'empty', 'changeme',
  'change_me', 'changeit', 'example', 'sample', 'dummy', 'test', 'testing', 'redacted', 'masked', 'default', 'value', 'your_password',
  'yourpassword', 'mypassword', 'placeholder', 'unknown', 'notset', 'not_set', 'todo', 'fixme', 'secret_key', 'api_key', 'apikey',
]);

/**
 * Whether a value is obviously not a real secret: a type name, a reference to somewhere else
 * (`${VAR}`, `os.environ[...]`, `<password>`), a run of one character, an example.
 *
 * @example
 * isPlaceholder('${DB_PASSWORD}'); // true
 * isPlaceholder('f6CGV4aMM9zedoh3OUNbSakBymo7yplB'); // false
 */
export function isPlaceholder(value: string): boolean {
  const v = value.toLowerCase();
  if (WORDS.has(v)) return true;
  if (/^[$%{<[(]|^(?:process\.env|os\.environ|os\.getenv|env\.|self\.|this\.|config\.|settings\.|getenv|secrets\.)/.test(v)) return true;
  if (/\$\{|\{\{|%\(|%s|<[a-z_-]+>/.test(v)) return true;
  if (/^(.)\1+$/.test(v) || /^(?:x{3,}|\*{3,}|\.{3,}|#{3,}|-{3,})/.test(v)) return true;
  if (/example|sample|dummy|placeholder|your[_-]?(?:api|secret|token|key|pass)|insert[_-]?|replace[_-]?me|xxxx|\*\*\*\*/.test(v)) return true;
  if (/^(?:abc|123|qwerty|test)/.test(v) && value.length < 10) return true;
  return false;
}
