/** Log types mamori reads; Zeek's `#path` names, plus `proxy` for Squid and web-server style access logs. */
export type LogType = 'conn' | 'dns' | 'http' | 'ssl' | 'files' | 'proxy';

/** On-disk formats the readers recognise. */
export type LogFormat = 'zeek-tsv' | 'zeek-json' | 'squid' | 'clf';

/** One Zeek conn.log entry; times are epoch seconds, unset numbers are 0. */
export interface ConnRecord {
  readonly ts: number;
  readonly src: string;
  readonly dst: string;
  readonly dport: number;
  readonly proto: string;
  readonly service: string;
  readonly duration: number;
  readonly origBytes: number;
  readonly respBytes: number;
  readonly state: string;
}

/** One DNS query (Zeek dns.log); `answers` are the answered names and addresses. */
export interface DnsRecord {
  readonly ts: number;
  readonly src: string;
  readonly dst: string;
  readonly query: string;
  readonly qtype: string;
  readonly rcode: string;
  readonly answers: readonly string[];
}

/** One HTTP request: Zeek http.log or a proxy access-log line. */
export interface HttpRecord {
  readonly ts: number;
  readonly src: string;
  /** Server address; empty when a proxy log names only the host. */
  readonly dst: string;
  readonly dport: number;
  readonly host: string;
  readonly method: string;
  readonly uri: string;
  readonly requestBytes: number;
  readonly responseBytes: number;
  readonly status: number;
  readonly duration: number;
}

/** One TLS handshake (Zeek ssl.log). */
export interface SslRecord {
  readonly ts: number;
  readonly src: string;
  readonly dst: string;
  readonly dport: number;
  readonly serverName: string;
}

/** One file transfer (Zeek files.log; old `tx_hosts`/`rx_hosts` and new `id.orig_h`/`id.resp_h` fields). */
export interface FilesRecord {
  readonly ts: number;
  /** Sending host(s). */
  readonly tx: readonly string[];
  /** Receiving host(s). */
  readonly rx: readonly string[];
  readonly bytes: number;
  readonly mimeType: string;
  readonly filename: string;
}

/** Where readers deliver records; one synchronous call per record keeps the hot path allocation-light. */
export interface RecordSink {
  conn(r: ConnRecord): void;
  dns(r: DnsRecord): void;
  http(r: HttpRecord, type: 'http' | 'proxy'): void;
  ssl(r: SslRecord): void;
  files(r: FilesRecord): void;
}
