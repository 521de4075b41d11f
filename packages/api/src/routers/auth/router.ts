/** Who is signed in: the console's user menu and its useCan() read this. */
import { router, viewerProcedure } from "../../trpc";

export const authRouter = router({
  /** `auth: "no_auth"` means everyone is an admin (the default); otherwise the token's user. */
  me: viewerProcedure.query(({ ctx }) => ({
    name: ctx.principal.name,
    role: ctx.principal.role,
    auth: ctx.principal.auth,
  })),
});
