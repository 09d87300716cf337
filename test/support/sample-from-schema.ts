/**
 * A minimal valid value for a JSON Schema from the OpenAPI document, so generated suites can
 * call a route they were never told about. Examples and defaults win; otherwise the smallest
 * value that satisfies the common constraints. Regex patterns cannot be honoured in general:
 * such fields need an `example` on their schema (the suite says so when a body is refused).
 */
type Schema = Record<string, unknown>;

export function sampleFromSchema(
  schema: Schema | undefined,
  components: Record<string, Schema> = {},
): unknown {
  if (!schema) return {};
  const ref = schema.$ref;
  if (typeof ref === 'string') return sampleFromSchema(components[ref.split('/').at(-1) ?? ''], components);
  if ('example' in schema) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ('default' in schema) return schema.default;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (alternatives) {
    const first = alternatives.find((s) => s.type !== 'null') ?? alternatives[0];
    return sampleFromSchema(first, components);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.map((k) => [k, sampleFromSchema(props[k], components)]));
    }
    case 'array': {
      const min = Number(schema.minItems ?? 0);
      return Array.from({ length: min }, () => sampleFromSchema(schema.items as Schema, components));
    }
    case 'string':
      if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
      if (schema.format === 'date') return '2026-01-01';
      if (schema.format === 'email') return 'someone@example.com';
      if (schema.format === 'uri') return 'https://example.com/';
      return 'x'.repeat(Math.max(Number(schema.minLength ?? 0), 8));
    case 'integer':
    case 'number': {
      const min =
        schema.minimum ?? (schema.exclusiveMinimum === undefined ? 1 : Number(schema.exclusiveMinimum) + 1);
      return Number(min);
    }
    case 'boolean':
      return true;
    default:
      return {};
  }
}
