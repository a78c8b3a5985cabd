/**
 * The shape every domain's file error shares: which file, and what is wrong with it, in a
 * sentence a person can act on. Doors print `message` ("file: problem") as it is.
 */
export abstract class FileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    message = `${file}: ${problem}`,
  ) {
    super(message);
  }
}
