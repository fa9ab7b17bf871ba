// The renderer's typed API client over the whole contract (the app's entry and
// component tests); the client itself is resultClient.ts.
import { contract, type Transport } from '#core/api/contract';
import { createResultClient, type ApiClient, type ApiClientOptions } from './resultClient';

export { ApiClientError, errorMessage, createResultClient } from './resultClient';
export type { ApiClient, ApiClientOptions, ClientErrorCode, ResultSchemas } from './resultClient';

export function createApiClient(transport: Transport, options: ApiClientOptions = {}): ApiClient {
  return createResultClient(transport, contract, options);
}
