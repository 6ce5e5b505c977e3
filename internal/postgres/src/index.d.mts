/** A running throwaway PostgreSQL cluster. */
export interface ThrowawayPostgres {
  /** `postgres://postgres:<password>@127.0.0.1:<port>/postgres` */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** The superuser's password (random per cluster; host connections use scram-sha-256). */
  readonly password: string;
  readonly database: string;
  /** The temp dir holding the data dir, the log and the unix socket; removed by `stop()`. */
  readonly dir: string;
  /** How long starting it took. */
  readonly startMs: number;
  /** Stops the server (immediate mode) and removes the dir. Safe to call twice. */
  stop(): Promise<void>;
}

/** The directory holding initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function findPostgresBin(): string | null;

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number>;

/** Starts a throwaway cluster in a temp dir on a free loopback port. */
export function startThrowawayPostgres(options?: { startTimeoutSeconds?: number }): Promise<ThrowawayPostgres>;
