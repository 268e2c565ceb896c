import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';

export type Lang = 'ja' | 'en';
export const LANG_COOKIE = 'mamori_lang';

const en = {
  appName: 'mamori',
  signIn: 'Sign in',
  signOut: 'Sign out',
  username: 'Username',
  password: 'Password',
  badLogin: 'Wrong username or password.',
  rateLimited: 'Too many attempts. Wait a little and try again.',
  overview: 'Overview',
  events: 'Events',
  inventory: 'Data inventory',
  policies: 'Policy',
  users: 'Users',
  orgs: 'Organisations',
  audit: 'Audit log',
  tokens: 'API tokens',
  eventsOverTime: 'Events and blocks over time',
  topHosts: 'Top hosts',
  topDestinations: 'Top destinations',
  blockedLabels: 'Labels of what was blocked',
  topRules: 'Rules that blocked',
  total: 'Events',
  blocked: 'Blocked',
  alerted: 'Alerted',
  lastDays: 'Last {n} days',
  nothingYet: 'Nothing recorded in this period.',
  time: 'Time (UTC)',
  org: 'Organisation',
  action: 'Action',
  label: 'Label',
  client: 'Client',
  destination: 'Destination',
  file: 'File',
  rule: 'Rule',
  evidence: 'Evidence (masked)',
  filter: 'Filter',
  clear: 'Clear',
  all: 'All',
  since: 'Since',
  until: 'Until',
  next: 'Next',
  previous: 'Previous',
  host: 'Host',
  path: 'Path',
  size: 'Size',
  scannedAt: 'Scanned',
  findings: 'Findings',
  role: 'Role',
  status: 'Status',
  disabled: 'Disabled',
  active: 'Active',
  created: 'Created',
  actor: 'Actor',
  target: 'Target',
  version: 'Version',
  comment: 'Comment',
  validate: 'Validate',
  save: 'Save as new version',
  valid: 'The policy is valid.',
  saved: 'Saved as version {n}.',
  history: 'History',
  noVersions: 'No saved versions yet: the configuration file’s policy applies.',
  signedInAs: '{user} · {org} · {role}',
  notFound: 'Not found.',
  forbidden: 'Your role may not open this page.',
  name: 'Name',
  lastUsed: 'Last used',
  revoked: 'Revoked',
  language: '日本語',
} as const;

export type MessageKey = keyof typeof en;

const ja: Record<MessageKey, string> = {
  appName: 'mamori 守り',
  signIn: 'サインイン',
  signOut: 'サインアウト',
  username: 'ユーザー名',
  password: 'パスワード',
  badLogin: 'ユーザー名またはパスワードが違います。',
  rateLimited: '試行回数が多すぎます。しばらく待ってから再試行してください。',
  overview: '概要',
  events: 'イベント',
  inventory: 'データ所在',
  policies: 'ポリシー',
  users: 'ユーザー',
  orgs: '組織',
  audit: '監査ログ',
  tokens: 'APIトークン',
  eventsOverTime: 'イベントとブロックの推移',
  topHosts: '上位の端末',
  topDestinations: '上位の送信先',
  blockedLabels: 'ブロックした情報の格付',
  topRules: 'ブロックしたルール',
  total: 'イベント',
  blocked: 'ブロック',
  alerted: '警告',
  lastDays: '過去{n}日間',
  nothingYet: 'この期間の記録はありません。',
  time: '日時 (UTC)',
  org: '組織',
  action: '判定',
  label: '格付',
  client: '送信元',
  destination: '送信先',
  file: 'ファイル',
  rule: 'ルール',
  evidence: '根拠（マスク済み）',
  filter: '絞り込み',
  clear: 'クリア',
  all: 'すべて',
  since: '開始',
  until: '終了',
  next: '次へ',
  previous: '前へ',
  host: '端末',
  path: 'パス',
  size: 'サイズ',
  scannedAt: '走査日時',
  findings: '検出',
  role: 'ロール',
  status: '状態',
  disabled: '無効',
  active: '有効',
  created: '作成日時',
  actor: '実行者',
  target: '対象',
  version: '版',
  comment: 'コメント',
  validate: '検証',
  save: '新しい版として保存',
  valid: 'ポリシーは有効です。',
  saved: '第{n}版として保存しました。',
  history: '履歴',
  noVersions: '保存された版はまだありません（設定ファイルのポリシーが有効です）。',
  signedInAs: '{user} · {org} · {role}',
  notFound: '見つかりません。',
  forbidden: 'このページを開く権限がありません。',
  name: '名前',
  lastUsed: '最終使用',
  revoked: '失効',
  language: 'English',
};

const DICTS: Record<Lang, Record<MessageKey, string>> = { en, ja };

/** A translator for one language; `{name}` placeholders are filled from `vars`. */
export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * The translator of a language.
 *
 * @example
 * const t = translator('ja'); t('lastDays', { n: 7 }); // '過去7日間'
 */
export function translator(lang: Lang): T {
  const dict = DICTS[lang];
  return (key, vars) => dict[key].replace(/\{(\w+)\}/g, (_m, k: string) => String(vars?.[k] ?? ''));
}

/**
 * The console language: the cookie set by the switch, else the browser's preference, else Japanese.
 *
 * @example
 * const lang = langOf(c);
 */
export function langOf(c: Context): Lang {
  const cookie = getCookie(c, LANG_COOKIE);
  if (cookie === 'ja' || cookie === 'en') return cookie;
  const accept = c.req.header('accept-language') ?? '';
  return /^\s*en\b/i.test(accept) ? 'en' : 'ja';
}
