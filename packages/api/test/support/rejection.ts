import { TRPCError } from "@trpc/server";

/** The TRPCError a procedure call rejected with (fails the test when it resolved or threw something else). */
export async function rejection(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}
