// Findings that say the same thing about different places, together: a
// 64-node build says "the NIC slot could take one" 128 times, and a person
// wants one row with a count and the places. Grouped by severity, code, hint
// and the message's shape (its numbers and place names masked), so two
// findings of one code that say different things stay apart.
import type { Finding, Severity } from './finding';

export interface FindingGroup {
  /** Stable within one result: severity, code, hint and message shape. */
  key: string;
  code: string;
  severity: Severity;
  hint: string;
  /** The first finding's message; `findings` holds every one. */
  message: string;
  /** True when every finding in the group has the same message word for word. */
  sameMessage: boolean;
  findings: Finding[];
  /** Every subject of every finding, first seen first, without repeats. */
  subjects: string[];
  verified: boolean;
}

/**
 * "CPU0 hosts 4 GPUs and no NIC; CPU0 NIC slot could take one." and the same
 * for CPU1 in r2-node7 share one shape: numbers (with their grouping commas and
 * decimals) become "#", and so do the finding's own subjects where the message
 * names them.
 */
export function messageShape(f: Pick<Finding, 'message' | 'subjects'>): string {
  let text = f.message;
  for (const s of [...f.subjects].sort((a, b) => b.length - a.length)) if (s.length > 1) text = text.split(s).join('§');
  return text.replace(/\d[\d,]*(?:\.\d+)?/g, '#');
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Worst first; within a severity, in the order the checker reported them. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = `${f.severity}|${f.code}|${f.hint}|${messageShape(f)}`;
    let g = groups.get(key);
    if (!g)
      groups.set(
        key,
        (g = { key, code: f.code, severity: f.severity, hint: f.hint, message: f.message, sameMessage: true, findings: [], subjects: [], verified: true }),
      );
    if (f.message !== g.message) g.sameMessage = false;
    g.findings.push(f);
    g.verified &&= f.verified;
  }
  for (const g of groups.values()) g.subjects = [...new Set(g.findings.flatMap((f) => f.subjects))];
  return [...groups.values()].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

/** Exact counts by severity (of findings, not of groups). */
export function severityCounts(findings: readonly Pick<Finding, 'severity'>[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}
