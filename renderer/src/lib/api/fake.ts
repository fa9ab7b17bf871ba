// A fake transport for component tests: handlers per channel, every call
// recorded, and an unknown channel rejected by name (so a test never passes
// because a call silently went nowhere).
import type { ArgsIn, Channel, Result, Transport } from '#core/api/contract';
import type { ApiError, ApiResponse } from '#core/api/errors';

export type FakeHandler<C extends Channel> = (args: ArgsIn<C>) => Result<C> | FakeError | Promise<Result<C> | FakeError>;
export type FakeHandlers = { [C in Channel]?: FakeHandler<C> };

export interface FakeCall {
  channel: Channel;
  args: unknown;
}

/** Marks a handler's return value as an error response instead of a result. */
export class FakeError {
  constructor(readonly error: ApiError) {}
}

export interface FakeTransport {
  transport: Transport;
  calls: FakeCall[];
  callsTo(channel: Channel): unknown[];
  handlers: FakeHandlers;
}

export function fakeTransport(handlers: FakeHandlers): FakeTransport {
  const calls: FakeCall[] = [];
  const transport: Transport = async (channel, args): Promise<ApiResponse<unknown>> => {
    calls.push({ channel, args });
    const handler = handlers[channel] as ((a: unknown) => unknown) | undefined;
    if (!handler) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `fake transport: no handler for ${channel}` } };
    const value = await handler(args);
    if (value instanceof FakeError) return { ok: false, error: value.error };
    return { ok: true, value };
  };
  return { transport, calls, handlers, callsTo: (channel) => calls.filter((c) => c.channel === channel).map((c) => c.args) };
}
