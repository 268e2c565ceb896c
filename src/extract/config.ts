import { z } from 'zod';

/**
 * Limits against hostile input. Every one is configurable; the defaults are safe for a proxy.
 *
 * @example
 * extractConfigSchema.parse({ maxDepth: 4 }).maxExpandedBytes; // 1073741824
 */
export const extractConfigSchema = z
  .object({
    /** Largest input accepted at all, bytes. */
    maxInputBytes: z.number().int().positive().default(512 * 1024 * 1024),
    /** Total bytes all archive members may expand to, per input. */
    maxExpandedBytes: z.number().int().positive().default(1024 * 1024 * 1024),
    /** Largest expansion ratio of one compressed member (bomb guard). */
    maxRatio: z.number().positive().default(200),
    /** Members smaller than this are exempt from the ratio check: tiny highly repetitive XML is normal. */
    ratioFloorBytes: z.number().int().nonnegative().default(1024 * 1024),
    /** Archive members per input, all levels together. */
    maxEntries: z.number().int().positive().default(10_000),
    /** Nesting depth of containers (zip in zip in eml ...). */
    maxDepth: z.number().int().positive().default(8),
    /** Text characters kept per input; past it the rest is marked unscannable. */
    maxTextChars: z.number().int().positive().default(256 * 1024 * 1024),
    /** PDF pages read per file. */
    maxPdfPages: z.number().int().positive().default(2000),
    /** Characters of one path segment kept in part paths (hostile archives carry 64 KiB names). */
    maxNameChars: z.number().int().positive().default(255),
    /** Wall-clock budget for one input, milliseconds. */
    timeoutMs: z.number().int().positive().default(60_000),
  })
  .strict();

export type ExtractConfig = z.infer<typeof extractConfigSchema>;
