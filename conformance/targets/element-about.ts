import { ElementInfoSchema, type ElementInfo } from '../../mocks/http/element-info.js';

/**
 * What an HTTP element says of itself on `GET /about`, or undefined when it
 * does not say (the endpoint is optional in every contract).
 */
export async function aboutElement(baseUrl: string, headers: Record<string, string> = {}): Promise<ElementInfo | undefined> {
  try {
    const response = await fetch(`${baseUrl}/about`, { headers, signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return undefined;
    const parsed = ElementInfoSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
