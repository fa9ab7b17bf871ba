// Typed reads of NetBox device-type fields. Each read names the file's own
// field path (and line) when the value is wrong, and collects the problem
// instead of throwing, so one import reports every bad field at once.
import type { NetboxIssue } from './issue';
import { isYamlMap, isYamlScalar, type YamlScalar, type YamlValue } from './yaml';

export type YamlMap = { [key: string]: YamlValue };

export interface ListItem {
  item: YamlMap;
  path: string;
}

export class FieldReader {
  readonly issues: NetboxIssue[] = [];

  private add(severity: NetboxIssue['severity'], path: string, message: string, v?: YamlValue): void {
    const line = v && isYamlScalar(v) && v.line !== null ? ` (line ${v.line})` : '';
    this.issues.push({ path, message: `${message}${line}`, severity });
  }
  error(path: string, message: string, v?: YamlValue): void {
    this.add('error', path, message, v);
  }
  warn(path: string, message: string, v?: YamlValue): void {
    this.add('warning', path, message, v);
  }
  info(path: string, message: string): void {
    this.add('info', path, message);
  }
  get failed(): boolean {
    return this.issues.some((i) => i.severity === 'error');
  }

  private scalar(obj: YamlMap, key: string, path: string): YamlScalar | null {
    const v = obj[key];
    if (v === undefined) return null;
    if (!isYamlScalar(v)) {
      this.error(path, Array.isArray(v) ? 'must be a single value, not a list' : 'must be a single value, not a mapping');
      return null;
    }
    return v.value === null ? null : v;
  }

  /** Text as written in the file (a plain `6e2` stays "6e2"). */
  text(obj: YamlMap, key: string, path = key, required = false): string | null {
    const v = this.scalar(obj, key, path);
    const s = v ? (v.text ?? String(v.value)).trim() : '';
    if (s === '') {
      if (required) this.error(path, obj[key] === undefined ? 'is required' : 'must not be empty', obj[key]);
      return null;
    }
    return s;
  }

  /** A number; numeric text is read as NetBox's decimal fields read it. */
  number(obj: YamlMap, key: string, path = key, what = 'a number'): number | null {
    const v = this.scalar(obj, key, path);
    if (!v) return null;
    const n = typeof v.value === 'number' ? v.value : typeof v.value === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(v.value.trim()) ? Number(v.value) : NaN;
    if (!Number.isFinite(n)) {
      this.error(path, `must be ${what} (got "${v.text ?? String(v.value)}")`, v);
      return null;
    }
    return n;
  }

  /** YAML 1.1 booleans (true/false, yes/no, on/off) as NetBox reads them. */
  bool(obj: YamlMap, key: string, path = key): boolean | null {
    const v = this.scalar(obj, key, path);
    if (!v) return null;
    if (typeof v.value === 'boolean') return v.value;
    const s = String(v.value).trim().toLowerCase();
    if (['true', 'yes', 'on', 'y'].includes(s)) return true;
    if (['false', 'no', 'off', 'n'].includes(s)) return false;
    this.error(path, `must be true or false (got "${v.text ?? String(v.value)}")`, v);
    return null;
  }

  /** A list of mappings such as `power-ports`; a bad entry is reported at `key.i`. */
  list(obj: YamlMap, key: string): ListItem[] {
    const v = obj[key];
    if (v === undefined || (isYamlScalar(v) && v.value === null)) return [];
    if (!Array.isArray(v)) {
      this.error(key, 'must be a list of entries, each with a name', v);
      return [];
    }
    const out: ListItem[] = [];
    v.forEach((item, i) => {
      if (isYamlMap(item)) out.push({ item, path: `${key}.${i}` });
      else this.error(`${key}.${i}`, 'must be a mapping with a name', item);
    });
    return out;
  }
}
