/**
 * Types shared by every module. `core` imports nothing from other modules.
 */

/** Label id from the configured taxonomy; the default taxonomy is `c1` < `c2` < `c3`. */
export type LabelId = string;

/** One label of the ordered taxonomy. Higher `rank` is more sensitive. */
export interface LabelDef {
  readonly id: LabelId;
  readonly name: string;
  readonly rank: number;
  readonly description: string;
}

/** Where a piece of text came from inside a file: `report.zip/2024/予算.docx/word/document.xml`. */
export interface TextPart {
  /** Container path, segments joined by `/`. */
  readonly path: string;
  /** What the text is: body text, document metadata (properties, headers), or an e-mail header. */
  readonly kind: 'body' | 'metadata' | 'header';
  /** MIME-ish type of the innermost file the text came from, e.g. `application/pdf`. */
  readonly mediaType: string;
  readonly text: string;
}

/** A part that could not be read. Extraction goes on with the other parts. */
export interface PartError {
  readonly path: string;
  readonly code: string; // an ErrorCode
  readonly message: string;
}

/** Result of `extract`: the text parts, the per-part errors and whether anything could not be inspected. */
export interface Extraction {
  readonly parts: TextPart[];
  readonly errors: PartError[];
  /** True when some content could not be inspected at all (encrypted, limits exceeded, unparseable). */
  readonly unscannable: boolean;
  readonly unscannableReasons: string[];
  /** Sensitivity-label metadata found in the file (e.g. Microsoft `MSIP_Label_<guid>_Name`). */
  readonly sensitivityLabels: SensitivityLabelMeta[];
  /** Total input bytes. */
  readonly bytes: number;
}

export interface SensitivityLabelMeta {
  readonly path: string;
  readonly source: 'msip' | 'other';
  readonly name: string;
  readonly id?: string;
  readonly enabled?: boolean;
}

export type DetectorCategory = 'pii' | 'financial' | 'secret' | 'marking' | 'network' | 'custom';

/** One occurrence of a data identifier inside one text. Offsets are JS string indices into that text. */
export interface Entity {
  readonly detector: string;
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
  /** The matched value; kept in memory only, never stored or logged unmasked. */
  readonly value: string;
}

/** Findings of one detector aggregated over a whole inspection. */
export interface Finding {
  readonly detector: string;
  readonly category: DetectorCategory;
  readonly count: number;
  /** Highest confidence among the occurrences, 0..1. */
  readonly confidence: number;
  /** The label this detector's evidence points to. */
  readonly label: LabelId;
  /** Masked samples, at most a handful. */
  readonly samples: string[];
  /** Parts the finding occurred in. */
  readonly parts: string[];
}

/** A registered document recognised in inspected content. */
export interface DocMatch {
  readonly docId: string;
  readonly path: string;
  readonly label: LabelId;
  /** Share of the document's fingerprints seen, 0..1. */
  readonly coverage: number;
  readonly matchedChars: number;
  readonly longestRunChars: number;
  readonly parts: string[];
}

/** Why content got its label. */
export interface Reason {
  readonly label: LabelId;
  readonly kind: 'marking' | 'pii' | 'secret' | 'metadata' | 'document' | 'custom' | 'unscannable' | 'default';
  readonly message: string;
}

export type Action = 'allow' | 'alert' | 'block';

export interface Verdict {
  readonly action: Action;
  readonly rule: string;
  readonly reason: string;
  /** True when monitor mode turned a block into a record. */
  readonly monitored?: boolean;
}

export type Channel = 'cli' | 'scan' | 'icap' | 'api';

/** What is known about the transfer being inspected, for policy. */
export interface InspectContext {
  readonly channel: Channel;
  readonly fileName?: string;
  readonly url?: string;
  readonly destHost?: string;
  readonly destIp?: string;
  readonly clientIp?: string;
  readonly user?: string;
  readonly method?: string;
  readonly org?: string;
  /** Declared Content-Type of an upload body (multipart/form-data, application/json, ...). */
  readonly contentType?: string;
  /** Declared Content-Encoding of an upload body (gzip, deflate, br). */
  readonly contentEncoding?: string;
}

/** Result of the one pipeline `inspect(content, context)`. */
export interface Inspection {
  readonly label: LabelId;
  readonly unscannable: boolean;
  readonly unscannableReasons: string[];
  readonly findings: Finding[];
  readonly matches: DocMatch[];
  readonly reasons: Reason[];
  readonly parts: { path: string; kind: TextPart['kind']; mediaType: string; chars: number }[];
  readonly errors: PartError[];
  readonly verdict: Verdict;
  readonly bytes: number;
  readonly sha256: string;
}

/** A recorded decision of any channel. */
export interface MamoriEvent {
  readonly id: string;
  readonly org: string;
  readonly time: string; // ISO 8601 UTC
  readonly channel: Channel;
  readonly action: Action;
  readonly monitored: boolean;
  readonly rule: string;
  readonly reason: string;
  readonly clientIp: string | null;
  readonly user: string | null;
  readonly method: string | null;
  readonly url: string | null;
  readonly destHost: string | null;
  readonly destIp: string | null;
  readonly bytes: number;
  readonly label: LabelId;
  readonly unscannable: boolean;
  readonly sha256: string | null;
  readonly fileName: string | null;
  readonly findings: { detector: string; count: number; samples: string[] }[];
  readonly matches: { docId: string; path: string; label: LabelId; coverage: number; longestRunChars: number }[];
}

export type Severity = 'low' | 'medium' | 'high' | 'critical';

export type NetFindingKind = 'beacon' | 'dns-tunnel' | 'exfil-volume' | 'long-connection' | 'rare-destination' | 'strobe';

/** A network-analytics finding (`mamori hunt`). */
export interface NetFinding {
  readonly kind: NetFindingKind;
  readonly src: string;
  readonly dst: string;
  readonly dstHost: string | null;
  readonly port: number | null;
  readonly score: number;
  readonly severity: Severity;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly connections: number;
  readonly bytesOut: number;
  readonly reasons: string[];
}
