import { type ParseArgsConfig, parseArgs } from 'node:util';
import { toInstantMs } from '@accord/core';
import { UsageError } from './io';

type FlagSpec = NonNullable<ParseArgsConfig['options']>;

/** The parsed flags: booleans for boolean flags, strings for the others. */
export interface ParsedFlags<T extends FlagSpec> {
  values: { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string };
  positionals: string[];
}

/** Parses flags strictly: an unknown flag or a missing value is a usage error (exit 2). */
export function parseFlags<const T extends FlagSpec>(
  args: readonly string[],
  spec: T,
  command: string,
): ParsedFlags<T> {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options: spec, allowPositionals: true, strict: true });
    return { values: values as ParsedFlags<T>['values'], positionals };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nRun "accord ${command} --help" for the options.`);
  }
}

/** Reads a whole-number flag within bounds, or throws a usage error naming it. */
export function intFlag(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, got "${value}".`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}.`);
  return n;
}

/** Reads an instant flag (`--now`), defaulting to the current time: the CLI is where the clock is read. */
export function instantFlag(value: string | undefined, name: string): number {
  if (value === undefined) return Date.now();
  const ms = toInstantMs(value);
  if (Number.isNaN(ms))
    throw new UsageError(
      `--${name} must be an ISO-8601 instant with an offset, such as 2026-07-04T04:00:00Z; got "${value}".`,
    );
  return ms;
}
