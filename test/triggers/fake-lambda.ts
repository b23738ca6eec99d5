import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Test } from 'tap';

/** A function the fake endpoint runs: the event in, the result out; a throw is the function's error. */
export type FakeFunction = (event: any) => unknown;

export interface FakeLambda {
  url: string;
  /** Every Invoke request: the function name from the path, the headers and the parsed payload. */
  calls: Array<{ name: string; headers: IncomingMessage['headers']; payload: unknown }>;
}

/**
 * A small Lambda-compatible endpoint, as `sam local start-lambda` serves one: `POST
 * /2015-03-31/functions/{name}/invocations` with the event as the body; the result as JSON (200), or a
 * function error as `X-Amz-Function-Error: Unhandled` with `{errorMessage, errorType}`. An unknown name is
 * 404 ResourceNotFoundException. A function returning the symbol `'not json'` answers with text that is not JSON.
 * A test helper, not the thing under test.
 */
export async function startFakeLambda(t: Test, functions: Record<string, FakeFunction>): Promise<FakeLambda> {
  const calls: FakeLambda['calls'] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(request.url ?? '');
      const name = match ? decodeURIComponent(match[1]!) : '';
      const payload = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
      calls.push({ name, headers: request.headers, payload });
      const fn = functions[name];
      if (request.method !== 'POST' || !fn) {
        response.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' });
        response.end(JSON.stringify({ Type: 'User', message: `Function not found: ${name}` }));
        return;
      }
      Promise.resolve()
        .then(() => fn(payload))
        .then(
          (result) => {
            response.writeHead(200, { 'content-type': 'application/json' });
            response.end(result === 'not json' ? 'this is not json' : JSON.stringify(result ?? null));
          },
          (error: Error) => {
            response.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' });
            response.end(JSON.stringify({ errorMessage: error.message, errorType: error.name, stackTrace: [] }));
          },
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}
