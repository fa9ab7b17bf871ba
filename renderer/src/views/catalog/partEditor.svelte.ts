// The edit form of a user part (after "Clone to edit", or "Edit" on one of the
// user's own parts): vendor, model, notes and every numeric spec of its
// category. Empty means unknown (null), never 0. Each spec is checked with its
// own schema as the person types; the backend's VALIDATION issues land on the
// field their path names ("specs.vramGB", "model").
import type { z } from 'zod';
import type { ApiClient } from '../../lib/api/client';
import { ApiClientError, errorMessage } from '../../lib/api/client';
import type { UserPartDraftIn } from '#core/api/catalog';
import { SPECS_SCHEMAS, type CatalogPart, type PartCategory } from '#core/catalog/part';
import { unitOf } from '#core/catalog/format';
import { specLabel } from './columns';

export interface NumericSpecField {
  /** Dotted path inside specs: "vramGB", "gpu.maxCards". */
  path: string;
  label: string;
  unit: string | null;
  schema: z.ZodType;
  integer: boolean;
}

type Shaped = { shape: Record<string, z.ZodType> };
const hasShape = (s: unknown): s is Shaped => typeof s === 'object' && s !== null && 'shape' in s && typeof (s as Shaped).shape === 'object';

const accepts = (s: z.ZodType, v: unknown) => s.safeParse(v).success;

/** Fields of a category's specs that take a number (one level of nesting, e.g. a chassis' gpu.*). */
export function numericSpecFields(category: PartCategory): NumericSpecField[] {
  const out: NumericSpecField[] = [];
  const visit = (shape: Record<string, z.ZodType>, prefix: string) => {
    for (const [key, schema] of Object.entries(shape)) {
      const path = prefix + key;
      if (accepts(schema, 1) && !accepts(schema, 'x')) {
        out.push({ path, label: specLabel(category, key), unit: unitOf(key), schema, integer: !accepts(schema, 1.5) });
      } else if (!prefix && hasShape(schema) && !accepts(schema, null)) {
        visit(schema.shape, `${key}.`);
      }
    }
  };
  const root = SPECS_SCHEMAS[category] as unknown;
  if (hasShape(root)) visit(root.shape, '');
  return out;
}

function getPath(obj: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = obj;
  for (const k of keys.slice(0, -1)) {
    const next = at[k];
    if (!next || typeof next !== 'object') return;
    at = next as Record<string, unknown>;
  }
  at[keys.at(-1) as string] = value;
}

export class PartEditor {
  readonly part: CatalogPart;
  readonly fields: NumericSpecField[];
  readonly api: ApiClient;
  values = $state<Record<string, string>>({});
  errors = $state<Record<string, string>>({});
  saving = $state(false);
  formError = $state<string | null>(null);

  constructor(api: ApiClient, part: CatalogPart) {
    this.api = api;
    this.part = part;
    this.fields = numericSpecFields(part.category);
    const values: Record<string, string> = { vendor: part.vendor, model: part.model, notes: part.notes ?? '' };
    for (const f of this.fields) {
      const v = getPath(part.specs as Record<string, unknown>, f.path);
      values[`specs.${f.path}`] = typeof v === 'number' ? String(v) : '';
    }
    this.values = values;
  }

  set(field: string, text: string): void {
    this.values[field] = text;
    // A fresh edit clears the old message; a new check runs on blur or save.
    if (this.errors[field]) {
      const { [field]: _gone, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  /** The client-side message for one field, or null when it is fine. */
  check(field: string): string | null {
    const text = (this.values[field] ?? '').trim();
    if (field === 'vendor' || field === 'model') return text === '' ? `${field === 'vendor' ? 'Vendor' : 'Model'} is required` : null;
    if (field === 'notes') return text.length > 5000 ? 'Notes are limited to 5,000 characters' : null;
    const spec = this.fields.find((f) => `specs.${f.path}` === field);
    if (!spec || text === '') return null; // empty = unknown
    const n = Number(text);
    if (!Number.isFinite(n)) return 'Enter a number, or leave it empty for unknown';
    const result = spec.schema.safeParse(n);
    if (result.success) return null;
    if (spec.integer && !Number.isInteger(n)) return 'Must be a whole number';
    if (n < 0) return 'Must not be negative';
    return result.error.issues[0]?.message ?? 'Not a valid value';
  }

  touch(field: string): void {
    const message = this.check(field);
    if (message) this.errors = { ...this.errors, [field]: message };
  }

  draft(): UserPartDraftIn {
    const specs = structuredClone($state.snapshot(this.part.specs)) as Record<string, unknown>;
    for (const f of this.fields) {
      const text = (this.values[`specs.${f.path}`] ?? '').trim();
      setPath(specs, f.path, text === '' ? null : Number(text));
    }
    const notes = (this.values.notes ?? '').trim();
    return {
      category: this.part.category,
      vendor: (this.values.vendor ?? '').trim(),
      model: (this.values.model ?? '').trim(),
      aliases: this.part.aliases,
      specs,
      typicalUsedPrice: this.part.typicalUsedPrice,
      sources: this.part.sources,
      ...(notes ? { notes } : {}),
    };
  }

  /** Field keys in form order, for focusing the first error. */
  order(): string[] {
    return ['vendor', 'model', ...this.fields.map((f) => `specs.${f.path}`), 'notes'];
  }

  firstError(): string | null {
    return this.order().find((f) => this.errors[f]) ?? Object.keys(this.errors)[0] ?? null;
  }

  /** Saves; returns the stored part, or null with errors set. */
  async save(): Promise<CatalogPart | null> {
    const errors: Record<string, string> = {};
    for (const f of this.order()) {
      const m = this.check(f);
      if (m) errors[f] = m;
    }
    this.errors = errors;
    this.formError = null;
    if (Object.keys(errors).length > 0) return null;
    this.saving = true;
    try {
      const { part } = await this.api.call('catalog:updateUserPart', { id: this.part.id, part: this.draft() });
      return part;
    } catch (err) {
      if (err instanceof ApiClientError && err.issues.length > 0) {
        // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never state
        const known = new Set(this.order());
        const mapped: Record<string, string> = {};
        const unplaced: string[] = [];
        for (const issue of err.issues) {
          const key = known.has(issue.path) ? issue.path : this.order().find((k) => issue.path.startsWith(`${k}.`));
          if (key) mapped[key] ??= issue.message;
          else unplaced.push(`${issue.path || 'part'}: ${issue.message}`);
        }
        this.errors = mapped;
        this.formError = unplaced.length ? unplaced.join('; ') : Object.keys(mapped).length ? null : err.message;
      } else {
        this.formError = errorMessage(err);
      }
      return null;
    } finally {
      this.saving = false;
    }
  }
}
