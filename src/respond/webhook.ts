import { createHmac } from 'node:crypto';
import type { WebhookConfig } from './config.js';
import type { Sink, SinkResult } from './sink.js';

/**
 * POSTs each JSON payload to the webhook, in order. 2xx is delivered; a network error, timeout, 408, 429 or 5xx
 * stops the batch for a retry; any other 4xx is permanent for that payload (it will never be accepted).
 * With `secretEnv`, `X-Mamori-Signature: sha256=<hex HMAC of the body>` lets the receiver check the sender.
 */
export function webhookSink(config: WebhookConfig): Sink {
  const secret = config.secretEnv ? process.env[config.secretEnv] : undefined;
  return {
    name: 'webhook',
    async deliver(payloads: readonly string[]): Promise<SinkResult> {
      let delivered = 0;
      for (const body of payloads) {
        const headers: Record<string, string> = { ...config.headers, 'content-type': 'application/json' };
        if (secret) headers['x-mamori-signature'] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
        let res: Response;
        try {
          res = await fetch(config.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(config.timeoutMs) });
          await res.arrayBuffer().catch(() => undefined);
        } catch (e) {
          const cause = (e as { cause?: { code?: string } }).cause?.code;
          return { delivered, error: { message: `webhook: ${cause ?? (e as Error).message}`, permanent: false } };
        }
        if (res.status >= 200 && res.status < 300) {
          delivered += 1;
          continue;
        }
        const retry = res.status === 408 || res.status === 429 || res.status >= 500;
        return { delivered, error: { message: `webhook: HTTP ${res.status}`, permanent: !retry } };
      }
      return { delivered };
    },
  };
}
