import type { DestinationSet, DocMatch, Finding, InspectContext, LabelId, LabelTaxonomy, Verdict } from '../core/index.js';

/** Everything a policy may look at. */
export interface PolicyInput {
  readonly label: LabelId;
  readonly unscannable: boolean;
  readonly findings: readonly Finding[];
  readonly matches: readonly DocMatch[];
  readonly bytes: number;
  readonly context: InspectContext;
}

export interface PolicyEngine {
  decide(input: PolicyInput): Verdict;
}

/** What one condition concluded, in words a security engineer can act on. */
export interface Outcome {
  readonly condition: string;
  readonly matched: boolean;
  readonly why: string;
}

/** A compiled condition: a fast predicate, and its wording computed only when a reason is wanted. */
export interface Check {
  readonly condition: string;
  holds(input: PolicyInput): boolean;
  why(input: PolicyInput, matched: boolean): string;
}

/** What conditions are compiled against: the taxonomy, the named sets and the quarantine lookup. */
export interface CompileEnv {
  readonly taxonomy: LabelTaxonomy;
  readonly lists: ReadonlyMap<string, DestinationSet>;
  readonly segments: ReadonlyMap<string, DestinationSet>;
  readonly isQuarantined: (clientIp: string) => boolean;
  /** Known detector ids; when given, a detector condition that can match none of them is a config error. */
  readonly detectors?: readonly string[] | undefined;
  /** Where in the config the condition sits, for error messages. */
  readonly where: string;
}
