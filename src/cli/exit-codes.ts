// The process exit codes of every command, as the contract fixes them (plus 3 for our own bugs).

export const EXIT_OK = 0;
/** Input problems were found and reported on stderr, one line each. */
export const EXIT_INPUT_PROBLEMS = 1;
/** The command line itself is wrong: unknown command or option, bad option value. */
export const EXIT_USAGE = 2;
/** Something broke inside marginscope: a bug, reported in one line with how to report it. */
export const EXIT_INTERNAL = 3;

export type ExitCode = typeof EXIT_OK | typeof EXIT_INPUT_PROBLEMS | typeof EXIT_USAGE | typeof EXIT_INTERNAL;
