/**
 * The first line of an error's message: mongodb-memory-server's run to several.
 * A first line that ends in a colon announces the next, which is then kept too:
 * `Download failed for url "…", Details: Status Code isn't 200! (it is 404)`.
 */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const [first = '', next] = message.split('\n', 2).map((line) => line.trim());
  return first.endsWith(':') && next ? `${first} ${next}` : first;
}
