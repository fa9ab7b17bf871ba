// A finding: what the checker says about a build. `code` is stable (the UI and
// tests switch on it), `message` is plain words with the numbers, `hint` says
// what to do. Findings that rest on unverified wiring say so.
import { groupedNumber } from './grouped';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  code: string;
  severity: Severity;
  /** Ids of what the finding concerns (rack, chassis, device, slot, socket). */
  subjects: string[];
  message: string;
  hint: string;
  /** False when the finding depends on wiring marked unverified. */
  verified: boolean;
}

export function finding(code: string, severity: Severity, subjects: string[], message: string, hint: string, verified = true): Finding {
  return { code, severity, subjects, message: verified ? message : `${message} (depends on unverified wiring)`, hint, verified };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function bySeverity(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}

/** "1,234" — numbers in messages are grouped like people write them (toLocaleString built a formatter per call). */
export function n(value: number, digits = 0): string {
  return groupedNumber(value, digits);
}
