import type { Child } from 'hono/jsx';
import type { T } from './i18n.js';

/**
 * Links to the previous and next page of a listing, keeping the other query parameters.
 *
 * @example
 * <Pager t={t} path="/events" query={pc.query} page={result} />
 */
export function Pager(props: { t: T; path: string; query: Record<string, string>; page: { items: readonly unknown[]; limit: number; offset: number; nextOffset: number | null } }) {
  const { page, query } = props;
  const href = (offset: number) => `${props.path}?${new URLSearchParams({ ...query, offset: String(offset) }).toString()}`;
  return (
    <nav class="pager">
      {page.offset > 0 ? <a href={href(Math.max(0, page.offset - page.limit))}>← {props.t('previous')}</a> : <span />}
      <span class="muted">{page.items.length === 0 ? '' : `${page.offset + 1}–${page.offset + page.items.length}`}</span>
      {page.nextOffset !== null ? <a href={href(page.nextOffset)}>{props.t('next')} →</a> : <span />}
    </nav>
  );
}

/** A coloured chip for an action or a label. */
export function Chip(props: { kind: string; children?: Child }) {
  return <span class={`chip chip-${props.kind.replace(/[^a-z0-9-]/gi, '')}`}>{props.children}</span>;
}

/** A titled panel. */
export function Card(props: { title?: string; class?: string; children?: Child }) {
  return (
    <section class={`card ${props.class ?? ''}`}>
      {props.title ? <h2>{props.title}</h2> : null}
      {props.children}
    </section>
  );
}

/** `2026-11-01T10:15:00.000Z` → `2026-11-01 10:15:00` (UTC), compact for tables. */
export function fmtTime(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : '';
}

/** Byte counts for people: 1.2 MB. */
export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = -1;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** A horizontal bar list: top hosts, destinations, labels. */
export function BarList(props: { items: { value: string; count: number }[]; empty: string; chip?: boolean }) {
  const max = Math.max(1, ...props.items.map((i) => i.count));
  if (props.items.length === 0) return <p class="muted">{props.empty}</p>;
  return (
    <ul class="barlist">
      {props.items.map((i) => (
        <li>
          <span class="bar" style={`width:${Math.round((i.count / max) * 100)}%`} />
          <span class="bar-label">{props.chip ? <Chip kind={i.value}>{i.value}</Chip> : i.value}</span>
          <span class="bar-count">{i.count.toLocaleString('en')}</span>
        </li>
      ))}
    </ul>
  );
}
