// The process streams a command writes to and reads from, passed in so no command reaches for
// globals (and tests can hand in their own).

/** The process streams and facts about them, passed in so the command never reaches for globals. */
export interface CliStreams {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadableStream;
  /** Environment, for NO_COLOR / FORCE_COLOR. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Registers a clean-up to run if the process is interrupted (Ctrl-C). */
  onInterrupt(cleanup: () => void): void;
}
