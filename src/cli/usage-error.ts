// A mistake on the command line: reported as one line with a hint, exit code 2.

export class UsageError extends Error {
  /** The command whose `--help` the hint points to, or null for the top-level help. */
  readonly helpCommand: string | null;

  constructor(message: string, helpCommand: string | null = null) {
    super(message);
    this.name = 'UsageError';
    this.helpCommand = helpCommand;
  }

  /** `marginscope: MESSAGE (see 'marginscope evaluate --help')`, one line. */
  toLine(): string {
    const help = this.helpCommand === null ? 'marginscope --help' : `marginscope ${this.helpCommand} --help`;
    return `marginscope: ${this.message} (see '${help}')`;
  }
}
