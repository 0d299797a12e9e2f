// next-auth's endpoints (sign-in, sign-out, session, CSRF): open to anyone, as sign-in must be.
import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: Context) {
  return NextAuth(request as never, context as never, await getAuthOptions());
}

export { handler as GET, handler as POST };
