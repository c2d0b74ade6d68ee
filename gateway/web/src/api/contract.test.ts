/**
 * The web app's decoders against the services' own OpenAPI documents, written by each service's build
 * (quarkus.smallrye-openapi.store-schema-directory; the gateway module builds after the services). Every field a
 * decoder reads must be in the answer's schema with a compatible type, and every value of a server enum must be
 * one the decoder accepts: a renamed or retyped field fails here rather than as a blank page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Decoder, Spec } from './decode';
import { decodeRoom, decodeRoomJoin, decodeTicket } from './rooms';
import { decodeBooking, decodeFeedLink, decodeLesson, decodeLessons, decodeSeriesBooking } from './scheduling';
import { decodeAsset, decodeAssets, decodePlayback } from './vod';

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};
interface Document {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components?: { schemas?: Record<string, Schema> };
}

function openApi(service: string): Document {
  const file = new URL(`../../../../services/${service}/target/openapi/openapi.json`, import.meta.url);
  if (!existsSync(file)) {
    throw new Error(`${file.pathname} is missing: build the services first (mvn -pl services/${service} package)`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Document;
}

/** Follows $ref and the wrappers SmallRye writes for nullable or annotated fields (allOf/oneOf/anyOf of one). */
function resolve(doc: Document, schema: Schema): Schema {
  if (schema.$ref) return resolve(doc, doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] ?? {});
  const wrapped = [schema.allOf, schema.oneOf, schema.anyOf].find((list) => list?.length);
  if (wrapped) return resolve(doc, wrapped.find((s) => s.$ref || s.type !== 'null') ?? wrapped[0]);
  return schema;
}

function types(schema: Schema): string[] {
  return Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
}

/** What in `spec` the server's `schema` does not provide, as messages naming the field. */
function mismatches(doc: Document, spec: Spec, raw: Schema, path: string): string[] {
  const schema = resolve(doc, raw);
  const has = (...wanted: string[]) => types(schema).some((t) => wanted.includes(t));
  switch (spec.type) {
    case 'string':
      return has('string') ? [] : [`${path} is ${types(schema).join('|') || 'untyped'} on the server, the app reads a string`];
    case 'number':
      return has('number', 'integer') ? [] : [`${path} is ${types(schema).join('|') || 'untyped'} on the server, the app reads a number`];
    case 'boolean':
      return has('boolean') ? [] : [`${path} is ${types(schema).join('|') || 'untyped'} on the server, the app reads true/false`];
    case 'enum': {
      if (!has('string')) return [`${path} is not a string on the server`];
      const unknown = (schema.enum ?? []).filter((v) => v !== null && !spec.values.includes(String(v)));
      return unknown.length ? [`${path}: the server may send ${unknown.join(', ')}, which the app refuses`] : [];
    }
    case 'array':
      return has('array') && schema.items
        ? mismatches(doc, spec.items, schema.items, `${path}[]`)
        : [`${path} is not a list on the server`];
    case 'object':
      return Object.entries(spec.fields).flatMap(([name, field]) => {
        const property = schema.properties?.[name];
        return property ? mismatches(doc, field.spec, property, `${path}.${name}`) : [`${path}.${name} is not in the server's answer`];
      });
  }
}

function answer(doc: Document, method: string, path: string, status: string): Schema {
  const operation = doc.paths[path]?.[method];
  expect(operation, `${method.toUpperCase()} ${path} exists`).toBeDefined();
  const schema = operation?.responses?.[status]?.content?.['application/json']?.schema;
  expect(schema, `${method.toUpperCase()} ${path} documents its ${status} answer`).toBeDefined();
  return schema as Schema;
}

const CONTRACTS: [service: string, method: string, path: string, status: string, decoder: Decoder<unknown>][] = [
  ['rooms', 'post', '/instant', '201', decodeRoom],
  ['rooms', 'get', '/{code}', '200', decodeRoom],
  ['rooms', 'post', '/{code}/tickets', '200', decodeTicket],
  ['rooms', 'post', '/{code}/join', '200', decodeRoomJoin],
  ['rooms', 'post', '/{code}/extensions', '200', decodeRoom],
  ['scheduling', 'get', '/lessons', '200', decodeLessons],
  ['scheduling', 'get', '/lessons/history', '200', decodeLessons],
  ['scheduling', 'get', '/lessons/{id}', '200', decodeLesson],
  ['scheduling', 'post', '/lessons', '201', decodeBooking],
  ['scheduling', 'patch', '/lessons/{id}', '200', decodeBooking],
  ['scheduling', 'post', '/series', '201', decodeSeriesBooking],
  ['scheduling', 'post', '/calendar/token', '201', decodeFeedLink],
  ['vod', 'get', '/assets', '200', decodeAssets],
  ['vod', 'patch', '/assets/{assetId}', '200', decodeAsset],
  ['vod', 'post', '/assets/{assetId}/playback', '200', decodePlayback],
];

describe("the web app's decoders against the services' OpenAPI", () => {
  it.each(CONTRACTS)('%s %s %s (%s) has every field the app reads', (service, method, path, status, decoder) => {
    const doc = openApi(service);
    expect(mismatches(doc, decoder.spec, answer(doc, method, path, status), 'answer')).toEqual([]);
  });

  it('finds a renamed field or a retyped one (the check itself can fail)', () => {
    const doc: Document = {
      paths: {},
      components: { schemas: { Feed: { type: 'object', properties: { token: { type: 'integer' }, link: { type: 'string' } } } } },
    };
    expect(mismatches(doc, decodeFeedLink.spec, { $ref: '#/components/schemas/Feed' }, 'answer')).toEqual([
      'answer.token is integer on the server, the app reads a string',
      "answer.url is not in the server's answer",
    ]);
  });
});
