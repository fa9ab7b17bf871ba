// The renderer's typed API client without the contract: every call goes through
// a Transport (Electron preload, the HTTP host, or a fake in component tests)
// and every result is parsed with its channel's result schema before the UI
// sees it: the page never trusts the shape of what crossed the boundary. The
// schemas are passed in, so a small entry (the build sheet) loads only its own.
import type { ArgsIn, Channel, Contract, Result, Transport } from '#core/api/contract';
import type { ErrorCode, FieldIssue } from '#core/api/errors';

/** Codes the client adds to the contract's own: the host could not be reached or answered nonsense. */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE';

export class ApiClientError extends Error {
  readonly code: ClientErrorCode;
  readonly issues: FieldIssue[];
  readonly channel: string;
  constructor(channel: string, code: ClientErrorCode, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = 'ApiClientError';
    this.channel = channel;
    this.code = code;
    this.issues = issues;
  }
}

export interface ApiClient {
  call<C extends Channel>(channel: C, args: ArgsIn<C>): Promise<Result<C>>;
}

export interface ApiClientOptions {
  /** Called before the error is thrown, e.g. to show the "token missing" page on UNAUTHORIZED. */
  onError?: (error: ApiClientError) => void;
}

/** The result schema of each channel a page calls: the whole contract, or the few a small entry uses (the sheet's). */
export type ResultSchemas = { readonly [C in Channel]?: { readonly result: Contract[C]['result'] } };

export function createResultClient(transport: Transport, results: ResultSchemas, options: ApiClientOptions = {}): ApiClient {
  const fail = (error: ApiClientError): never => {
    options.onError?.(error);
    throw error;
  };
  return {
    async call<C extends Channel>(channel: C, args: ArgsIn<C>): Promise<Result<C>> {
      let response;
      try {
        response = await transport(channel, args);
      } catch (err) {
        if (err instanceof ApiClientError) return fail(err);
        const why = err instanceof Error ? err.message : String(err);
        return fail(new ApiClientError(channel, 'NETWORK', `Rackhive's backend did not answer (${why}).`));
      }
      if (!response || typeof response !== 'object' || typeof response.ok !== 'boolean') {
        return fail(new ApiClientError(channel, 'BAD_RESPONSE', `${channel}: the backend sent a malformed response.`));
      }
      if (!response.ok) {
        const { code, message, issues } = response.error;
        return fail(new ApiClientError(channel, code, message, issues ?? []));
      }
      const schema = results[channel]?.result;
      if (!schema) return fail(new ApiClientError(channel, 'BAD_RESPONSE', `${channel}: this page has no schema for that channel's answer.`));
      const parsed = schema.safeParse(response.value);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        const where = first ? `${first.path.map(String).join('.') || '(root)'}: ${first.message}` : 'unexpected shape';
        return fail(new ApiClientError(channel, 'BAD_RESPONSE', `${channel}: the backend's answer does not match the contract (${where}).`));
      }
      return parsed.data as Result<C>;
    },
  };
}

/** A readable one-liner for any error thrown by a call (for toasts and banners). */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiClientError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
