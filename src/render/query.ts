import { InputError } from '../errors.js';

/** Apply a JMESPath expression to the JSON form of a result, as `az --query` does. */
export async function applyQuery(data: unknown, expression: string): Promise<unknown> {
  const { search } = await import('@jmespath-community/jmespath');
  // Round-trip through JSON so the query sees exactly what `-o json` prints.
  const json = JSON.parse(JSON.stringify(data ?? null)) as Parameters<typeof search>[0];
  try {
    return search(json, expression);
  } catch (err) {
    throw new InputError(`--query "${expression}" could not be applied: ${(err as Error).message}`, {
      // Single quotes: in bash and zsh, backticks inside double quotes run a command.
      suggestion: "expected a JMESPath expression (https://jmespath.org), e.g. --query '[?gpu.count>=`8`].name'",
      cause: err,
    });
  }
}
