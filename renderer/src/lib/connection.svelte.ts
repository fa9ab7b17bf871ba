// How the page reaches its backend, and what went wrong if it cannot. The
// shell shows a full-page explanation instead of a broken view.
import { createResultClient, type ApiClient, type ApiClientError, type ResultSchemas } from './api/resultClient';
import { electronBridge, electronTransport, forgetToken, httpTransport, takeToken } from './api/transports';
import type { RackhiveBridge } from '#core/api/bridge';

export type ConnectionProblem = 'missing-token' | 'bad-token' | null;

export class Connection {
  problem = $state<ConnectionProblem>(null);
  readonly api: ApiClient | null;
  readonly bridge: RackhiveBridge | null;
  readonly host: 'electron' | 'http';

  /** `results`: the result schema of each channel the page calls (the contract for the app). */
  constructor(results: ResultSchemas) {
    this.bridge = electronBridge();
    const onError = (error: ApiClientError) => {
      if (error.code === 'UNAUTHORIZED') {
        forgetToken();
        this.problem = 'bad-token';
      }
    };
    if (this.bridge) {
      this.host = 'electron';
      this.api = createResultClient(electronTransport(this.bridge), results, { onError });
      return;
    }
    this.host = 'http';
    const token = takeToken();
    if (token === null) {
      this.api = null;
      this.problem = 'missing-token';
      return;
    }
    this.api = createResultClient(httpTransport(token), results, { onError });
  }
}
