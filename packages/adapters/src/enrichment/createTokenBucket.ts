import { AdapterError } from '../contract/AdapterError';

/** A token bucket: `take` resolves when a token is free. */
export interface TokenBucket {
  take(): Promise<void>;
}

/** What a token bucket is built from. */
export interface TokenBucketOptions {
  /** Tokens added per second. */
  perSecond: number;
  /** Tokens the bucket holds at most (default 1: requests evenly spaced). */
  burst?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * @name createTokenBucket
 * @category Adapters
 * @summary A token bucket with an injectable clock: at most `burst` at once, then `perSecond`.
 *
 * @description
 * Callers reserve a token at once (the balance may go negative: queued callers) and wait for the time
 * it takes to refill, so concurrent callers are spaced in arrival order.
 *
 * @example
 * const bucket = createTokenBucket({ perSecond: 5 }); await bucket.take()
 */
export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const perSecond = options.perSecond;
  const burst = options.burst ?? 1;
  if (typeof perSecond !== 'number' || !Number.isFinite(perSecond) || perSecond <= 0)
    throw new AdapterError('enrichment', 'invalid_config', 'Rate limit "perSecond" must be a positive number.');
  if (typeof burst !== 'number' || !Number.isFinite(burst) || burst < 1)
    throw new AdapterError('enrichment', 'invalid_config', 'Rate limit "burst" must be a number of at least 1.');
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  let tokens = burst;
  let last = now();
  return {
    async take() {
      const t = now();
      tokens = Math.min(burst, tokens + (Math.max(0, t - last) * perSecond) / 1000);
      last = Math.max(last, t);
      tokens -= 1;
      if (tokens < 0) await sleep(Math.ceil((-tokens * 1000) / perSecond));
    },
  };
}
