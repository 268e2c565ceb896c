import type { HeaderList } from './headers.js';

/** What the blocked user is told. No findings or content: the page must not repeat what it stopped. */
export interface BlockNotice {
  /** The event id, quoted to the help desk. */
  readonly reference: string;
  readonly url: string;
  readonly time: string;
}

export interface BlockPage {
  readonly contentType: string;
  readonly body: Buffer;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** True when the blocked request asked for JSON (an API client or a script upload). */
export function wantsJson(headers: HeaderList): boolean {
  const accept = headers.tokens('accept');
  const json = accept.some((t) => /^application\/([a-z0-9.+-]*\+)?json\b/.test(t));
  const html = accept.some((t) => t.startsWith('text/html'));
  const sentJson = /^application\/([a-z0-9.+-]*\+)?json\b/i.test(headers.get('content-type') ?? '');
  return (json && !html) || (sentJson && !html);
}

/**
 * The HTTP 403 body: a bilingual (Japanese/English) HTML page, or JSON when the request wanted JSON.
 *
 * @example
 * renderBlockPage({ reference: 'evt_01…', url: 'https://x.example/up', time: '2026-11-26T22:00:00Z' }, headers).contentType;
 */
export function renderBlockPage(notice: BlockNotice, requestHeaders: HeaderList): BlockPage {
  if (wantsJson(requestHeaders)) {
    const body = {
      error: 'blocked',
      message: 'This upload was blocked by the information security policy. Quote the reference when you contact the help desk.',
      messageJa: 'この送信は情報セキュリティポリシーにより遮断されました。問い合わせの際は参照番号をお伝えください。',
      reference: notice.reference,
      time: notice.time,
    };
    return { contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(body)) };
  }
  const ref = escapeHtml(notice.reference);
  const url = escapeHtml(notice.url.length > 200 ? `${notice.url.slice(0, 199)}…` : notice.url);
  const html = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>送信が遮断されました / Upload blocked</title>
<style>body{font-family:sans-serif;max-width:40em;margin:3em auto;padding:0 1em;color:#222}h1{color:#a00;font-size:1.4em}code{background:#eee;padding:.1em .3em}</style>
</head><body>
<h1>送信が遮断されました</h1>
<p>この送信には機密情報が含まれている可能性があるため、情報セキュリティポリシーにより遮断されました。業務上必要な場合は、情報システム担当に参照番号をお伝えください。</p>
<h1 lang="en">Upload blocked</h1>
<p lang="en">This upload may contain sensitive information and was blocked by the information security policy. If you need to send it for your work, contact the help desk and quote the reference below.</p>
<p>参照番号 / Reference: <code>${ref}</code><br>送信先 / Destination: <code>${url}</code><br>日時 / Time: <code>${escapeHtml(notice.time)}</code></p>
</body></html>
`;
  return { contentType: 'text/html; charset=utf-8', body: Buffer.from(html) };
}
