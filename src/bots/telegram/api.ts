/** Typed access to telegraf's generic Bot API call, for methods chosen at run time. */
import type { Telegram } from 'telegraf';

type CallApiOptions = NonNullable<Parameters<Telegram['callApi']>[2]>;

/** telegraf types its signal with the abort-controller shim; Node's own AbortSignal works at run time. */
export function withSignal(signal: AbortSignal): CallApiOptions {
  return { signal } as unknown as CallApiOptions;
}

/** Calls any Bot API method by name (telegraf's types only allow literal method names). */
export function callApi<T>(
  telegram: Telegram,
  method: string,
  payload: object,
  signal: AbortSignal,
): Promise<T> {
  const call = telegram.callApi.bind(telegram) as unknown as (
    m: string,
    p: object,
    o: CallApiOptions,
  ) => Promise<T>;
  return call(method, payload, withSignal(signal));
}
