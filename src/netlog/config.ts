import { z } from 'zod';

export const netlogConfigSchema = z
  .object({
    /** Internal networks; traffic between two of them, or between two outside them, is left out. */
    internal: z.array(z.string()).default(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7']),
    /** Destinations never reported: domains (`example.com` covers it and its subdomains; `*.example.com` only subdomains) and CIDRs. */
    allow: z.array(z.string()).default([]),
  })
  .strict();

export type NetlogConfig = z.infer<typeof netlogConfigSchema>;
