/**
 * mongodb-memory-server (11.3, the newest) leaves the response of a failed
 * binary download unread: on a 403 or 404 it rejects but never consumes or
 * destroys the response, so its socket stays open until the far end closes it.
 * Where the download host resolves but answers with an error (a proxy that
 * refuses it, a mirror without the version), that socket kept the process
 * alive for 60 s after the fallback to memory: `mock-idp serve` took a minute
 * to stop on SIGTERM, and a test file that had skipped its MongoDB tests ran
 * into its timeout.
 *
 * While `work` runs, every HTTP(S) error response (4xx, 5xx) from `host` is
 * drained (`resume()`): its body is discarded, the socket is released to its
 * agent (which keeps idle sockets unref'd) or closed, and the library's own
 * handling of the status is unchanged. Node's `http.client.response.finish`
 * diagnostics channel reports every client response before its `response`
 * event, which is what makes this possible without touching the library.
 */
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

const responses = 'http.client.response.finish';

/**
 * Runs `work`, draining the error responses of `host` until it settles.
 *
 * @example
 * const server = await drainFailedDownloads('fastdl.mongodb.org', () => MongoMemoryServer.create());
 */
export async function drainFailedDownloads<T>(host: string, work: () => Promise<T>): Promise<T> {
  const onResponse = (message: unknown) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    if (request.host !== host || (response.statusCode ?? 0) < 400) return;
    response.resume();
  };
  diagnostics.subscribe(responses, onResponse);
  try {
    return await work();
  } finally {
    diagnostics.unsubscribe(responses, onResponse);
  }
}
