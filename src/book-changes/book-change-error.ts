// A what-if or transfer that cannot be applied to the book as read (no such account, a change
// that would leave an impossible position): the caller decides how to report it (the CLI as a
// usage error, exit code 2).

export class BookChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BookChangeError';
  }
}
