import { Ajv2020 } from 'ajv/dist/2020.js';
import type { JsonSchema } from '../json-schema-of.js';

/** A response that does not match its document, or a path no document has. */
export interface ResponseFinding {
  readonly operation: string;
  readonly status: number;
  readonly problem: string;
}

/**
 * Checks live HTTP answers against OpenAPI documents: finds the operation
 * by method and path, the response by status (else `default`), and
 * validates the JSON body against its schema with Ajv (JSON Schema 2020-12).
 * Records which operations were seen, so a test can require every one.
 */
export class ResponseValidator {
  readonly #documents: readonly JsonSchema[];
  readonly #ajv = new Ajv2020({ strict: false, allErrors: true });
  readonly #compiled = new Map<string, ReturnType<Ajv2020['compile']>>();
  readonly findings: ResponseFinding[] = [];
  /** `METHOD /path/{template} STATUS` of every answer checked. */
  readonly seen = new Set<string>();

  constructor(documents: readonly JsonSchema[]) {
    this.#documents = documents;
  }

  /** Every operation of the documents, as `METHOD /path/{template}`. */
  operations(): string[] {
    return [
      ...new Set(
        this.#documents.flatMap((doc) =>
          Object.entries(doc['paths'] as Record<string, object>).flatMap(([path, ops]) =>
            Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
          ),
        ),
      ),
    ];
  }

  /** Checks one answer; `body` is its text. Paths outside every document are ignored (e.g. the fault-injection admin API). */
  check(method: string, pathname: string, status: number, body: string): void {
    for (const doc of this.#documents) {
      for (const [template, operations] of Object.entries(doc['paths'] as Record<string, Record<string, JsonSchema>>)) {
        if (!matches(template, pathname)) continue;
        const operation = operations[method.toLowerCase()];
        if (!operation) continue;
        const name = `${method} ${template}`;
        const responses = operation['responses'] as Record<string, JsonSchema>;
        const response = responses[String(status)] ?? responses['default'];
        this.seen.add(`${name} ${status}`);
        if (!response) return void this.findings.push({ operation: name, status, problem: 'status not in the document' });
        const content = response['content'] as Record<string, { schema: JsonSchema }> | undefined;
        const media = content && (content['application/json'] ?? content['application/problem+json']);
        if (!media) return;
        const validate = this.#validator(doc, `${name} ${status in responses ? status : 'default'}`, media.schema);
        let value: unknown;
        try {
          value = JSON.parse(body);
        } catch {
          return void this.findings.push({ operation: name, status, problem: 'the body is not JSON' });
        }
        if (!validate(value)) {
          this.findings.push({ operation: name, status, problem: this.#ajv.errorsText(validate.errors) });
        }
        return;
      }
    }
  }

  /** A fetch that checks every answer it gets, for clients that take a `fetch`, or to stand in for the global one. */
  wrap(inner: typeof fetch): typeof fetch {
    return (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await inner(input, init);
      const request = input instanceof Request ? input : undefined;
      const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
      const url = new URL(request?.url ?? String(input));
      const text = await response.clone().text();
      this.check(method, url.pathname, response.status, text);
      return response;
    }) as typeof fetch;
  }

  #validator(doc: JsonSchema, key: string, schema: JsonSchema) {
    let compiled = this.#compiled.get(key);
    if (!compiled) this.#compiled.set(key, (compiled = this.#ajv.compile(resolveRefs(schema, doc) as object)));
    return compiled;
  }
}

function matches(template: string, pathname: string): boolean {
  const t = template.split('/');
  const p = pathname.split('/');
  return t.length === p.length && t.every((part, i) => (part.startsWith('{') ? p[i] !== '' : part === p[i]));
}

// Local $refs (#/components/...) replaced by what they point at: each schema compiles on its own.
function resolveRefs(value: unknown, doc: JsonSchema): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, doc));
  if (value === null || typeof value !== 'object') return value;
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/')) {
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], doc);
    return resolveRefs(target, doc);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, doc)]));
}
