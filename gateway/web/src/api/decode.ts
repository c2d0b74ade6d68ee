/**
 * Strict decoders for the services' answers. An answer of another shape is a DecodeError naming the field, so a
 * changed server shows up as a clear message (and a failing contract test) instead of a page of blanks.
 *
 * Each decoder also carries a `spec` of what it reads, which contract.test.ts checks against the services' own
 * OpenAPI documents: the description used to decode is the one that is checked, never a copy of it.
 */

export class DecodeError extends Error {
  constructor(path: string, expected: string, actual: unknown) {
    super(`Unexpected answer from the server: ${path} should be ${expected}, got ${actual === null ? 'null' : typeof actual}`);
    this.name = 'DecodeError';
  }
}

export type Json = Record<string, unknown>;

export type Spec =
  | { type: 'string' | 'number' | 'boolean' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'array'; items: Spec }
  | { type: 'object'; fields: Record<string, { spec: Spec; required: boolean }> };

/** Decodes one value at `path` (for messages); `required` is false for fields the server may leave out or null. */
export interface Decoder<T> {
  (raw: unknown, path?: string): T;
  readonly spec: Spec;
  readonly required: boolean;
}

function decoder<T>(spec: Spec, decode: (raw: unknown, path: string) => T, required = true): Decoder<T> {
  return Object.assign((raw: unknown, path = 'answer') => decode(raw, path), { spec, required });
}

export function object(value: unknown, path: string): Json {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new DecodeError(path, 'an object', value);
  return value as Json;
}

export function text(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new DecodeError(path, 'a string', value);
  return value;
}

export function optionalText(value: unknown, path: string): string | null {
  return value === undefined || value === null ? null : text(value, path);
}

export function number(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new DecodeError(path, 'a number', value);
  return value;
}

export function optionalNumber(value: unknown, path: string): number | null {
  return value === null || value === undefined ? null : number(value, path);
}

export function flag(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new DecodeError(path, 'true or false', value);
  return value;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new DecodeError(path, `one of ${allowed.join(', ')}`, value);
  return found;
}

export function array<T>(value: unknown, path: string, item: (raw: unknown, path: string) => T): T[] {
  if (!Array.isArray(value)) throw new DecodeError(path, 'a list', value);
  return value.map((raw, index) => item(raw, `${path}[${index}]`));
}

export const str: Decoder<string> = decoder({ type: 'string' }, text);
export const num: Decoder<number> = decoder({ type: 'number' }, number);
export const bool: Decoder<boolean> = decoder({ type: 'boolean' }, flag);

export function literal<T extends string>(values: readonly T[]): Decoder<T> {
  return decoder({ type: 'enum', values }, (raw, path) => oneOf(raw, values, path));
}

export function listOf<T>(item: Decoder<T>): Decoder<T[]> {
  return decoder({ type: 'array', items: item.spec }, (raw, path) => array(raw, path, item));
}

/** A field the server may leave out or send as null: read as undefined. */
export function optional<T>(inner: Decoder<T>): Decoder<T | undefined> {
  return decoder(inner.spec, (raw, path) => (raw === undefined || raw === null ? undefined : inner(raw, path)), false);
}

type Decoded<F> = { [K in keyof F]: F[K] extends Decoder<infer T> ? T : never };

/** An object with these fields (others are ignored: a server may add fields without breaking the app). */
export function record<F extends Record<string, Decoder<unknown>>>(fields: F): Decoder<Decoded<F>> {
  const spec: Spec = {
    type: 'object',
    fields: Object.fromEntries(Object.entries(fields).map(([name, d]) => [name, { spec: d.spec, required: d.required }])),
  };
  return decoder(spec, (raw, path) => {
    const o = object(raw, path);
    const out: Json = {};
    for (const [name, d] of Object.entries(fields)) out[name] = d(o[name], `${path}.${name}`);
    return out as Decoded<F>;
  });
}

/** The same wire shape, turned into the app's own type. */
export function mapped<A, B>(inner: Decoder<A>, convert: (value: A) => B): Decoder<B> {
  return decoder(inner.spec, (raw, path) => convert(inner(raw, path)), inner.required);
}
