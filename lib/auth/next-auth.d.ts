// What Hookline keeps in next-auth's user, token and session: the operator's id and session version.
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    user?: { id?: string; email?: string | null; sv?: number };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sv?: number;
  }
}
