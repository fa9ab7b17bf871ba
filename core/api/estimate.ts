// The performance estimate: same request and report as `rackhive estimate
// --json` (fits, memoryPerDeviceGB, decodeTps, prefillTps, ttftS, bottleneck,
// powerW, band, assumptions, …); the schemas live with the model in core/perf.
import { endpoint } from './endpoint';
import { EstimateRequest } from '../perf/requestSchema';
import { EstimateResult } from '../perf/report';

export { EstimateResult };

export const estimateEndpoints = {
  'estimate:run': endpoint(
    'Estimate memory fit, tokens/s (with error bands), bottleneck, power and cost for GPUs × count or a build (one of its workloads, by index), and a model.',
    EstimateRequest,
    EstimateResult,
  ),
};
