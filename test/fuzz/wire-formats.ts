/**
 * The wire format of each surface, as a check that returns what is wrong with
 * a response (or null). Every surface: never a 5xx. Errors: the surface's own
 * body shape with a code from its closed list.
 */
import type { LightMyRequestResponse } from 'fastify';
import { appServicesErrorCodes } from '../../src/app-services/errors.js';
import { cognitoErrorTypes } from '../../src/cognito/errors.js';
import { oauthErrorCodes } from '../../src/cognito/oauth-errors.js';
import { errorCodes } from '../../src/errors.js';

export type Surface = 'control' | 'cognito' | 'oauth2-json' | 'oauth2-page' | 'app-services';

const isString = (v: unknown) => typeof v === 'string';

function json(response: LightMyRequestResponse): Record<string, unknown> | string {
  try {
    const body = JSON.parse(response.body) as unknown;
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : 'the body is JSON but not an object';
  } catch {
    return `the body is not JSON: ${response.body.slice(0, 120)}`;
  }
}

/** What is wrong with `response` for `surface`, or null. */
export function wireFormatProblem(surface: Surface, response: LightMyRequestResponse): string | null {
  const status = response.statusCode;
  if (status >= 500) return `status ${status}: ${response.body.slice(0, 300)}`;
  if (status < 200) return `status ${status}`;
  if (status < 400) return null;
  const type = String(response.headers['content-type'] ?? '');
  if (surface === 'oauth2-page') return /^text\/html/.test(type) || /json/.test(type) ? null : `error page with content-type ${type}`;
  const body = json(response);
  if (typeof body === 'string') return `${status}: ${body}`;
  switch (surface) {
    case 'control': {
      const code = body.code as keyof typeof errorCodes;
      if (!(code in errorCodes)) return `unknown code ${String(code)}`;
      if (body.statusCode !== status || errorCodes[code].status !== status) return `status ${status}, statusCode ${String(body.statusCode)}, ${code} is documented as ${errorCodes[code].status}`;
      if (!isString(body.error) || !isString(body.message)) return 'no error or message string';
      const extra = Object.keys(body).filter((k) => !['statusCode', 'code', 'error', 'message', 'details'].includes(k));
      return extra.length ? `extra fields ${extra.join(', ')}` : null;
    }
    case 'cognito': {
      const kind = body.__type as string;
      if (!(cognitoErrorTypes as readonly string[]).includes(kind)) return `unknown __type ${kind}`;
      if (!isString(body.message)) return 'no message';
      if (response.headers['x-amzn-errortype'] !== `${kind}:`) return `x-amzn-ErrorType ${String(response.headers['x-amzn-errortype'])}`;
      return type === 'application/x-amz-json-1.1' ? null : `content-type ${type}`;
    }
    case 'oauth2-json': {
      if (!isString(body.error) || !(body.error in oauthErrorCodes)) return `unknown error ${String(body.error)}`;
      if (body.error_description !== undefined && !isString(body.error_description)) return 'error_description not a string';
      return /^application\/json/.test(type) ? null : `content-type ${type}`;
    }
    case 'app-services': {
      if (!isString(body.error_code) || !(body.error_code in appServicesErrorCodes)) return `unknown error_code ${String(body.error_code)}`;
      if (!isString(body.error)) return 'no error string';
      if (body.link !== undefined && !isString(body.link)) return 'link not a string';
      return type === 'application/json' ? null : `content-type ${type}`;
    }
  }
}
