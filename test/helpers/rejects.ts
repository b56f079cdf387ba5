import { expect } from "chai";

/** Awaits `promise` and asserts that it rejects with an instance of `type` whose message matches. */
export async function expectRejection(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => Error,
  message?: string | RegExp,
): Promise<Error> {
  let error: unknown;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  expect(error, "expected a rejection").to.be.instanceOf(type);
  if (typeof message === "string") expect((error as Error).message).to.include(message);
  else if (message) expect((error as Error).message).to.match(message);
  return error as Error;
}
