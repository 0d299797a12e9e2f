import { randomBytes } from "node:crypto";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getOrCreateSetting } from "@/lib/settings";
import { checkCredentials } from "./operators";
import { addressLimiter, loginLimiter } from "./rate-limit";

// Self-hosted: the origin comes from the request unless NEXTAUTH_URL pins it.
process.env.AUTH_TRUST_HOST ??= "true";

export const SESSION_MAX_AGE_S = 12 * 60 * 60;

/** The session-signing secret: NEXTAUTH_SECRET, or one generated once and shared by every instance through the database. */
async function authSecret(): Promise<string> {
  return process.env.NEXTAUTH_SECRET || getOrCreateSetting("nextauth_secret", () => randomBytes(32).toString("base64url"));
}

function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const value = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  return value?.split(",")[0]?.trim() || "local";
}

let cached: AuthOptions | undefined;

export async function getAuthOptions(): Promise<AuthOptions> {
  if (cached) return cached;
  cached = {
    secret: await authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const email = String(credentials?.email ?? "").trim().toLowerCase();
          const emailKey = `email:${email}`;
          const ipKey = `ip:${clientAddress(req?.headers)}`;
          const waitMs = Math.max(loginLimiter.retryAfterMs(emailKey), addressLimiter.retryAfterMs(ipKey));
          if (waitMs > 0) {
            throw new Error(`Too many failed attempts. Try again in ${Math.ceil(waitMs / 60_000)} minute(s).`);
          }
          const operator = await checkCredentials(credentials);
          if (!operator) {
            loginLimiter.fail(emailKey);
            addressLimiter.fail(ipKey);
            throw new Error("Wrong email or password.");
          }
          loginLimiter.reset(emailKey);
          return { id: operator.id, email: operator.email };
        },
      }),
    ],
    callbacks: {
      jwt: ({ token, user }) => (user ? { ...token, sub: user.id, email: user.email } : token),
      session: ({ session, token }) => ({ ...session, user: { email: token.email, id: token.sub } }),
    },
  };
  return cached;
}
