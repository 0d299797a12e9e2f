import { randomBytes } from "node:crypto";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { config } from "@/lib/config";
import { getOrCreateSetting } from "@/lib/settings";
import { endSessions } from "./account";
import { sameOriginPath } from "./callback-url";
import { clientAddress } from "./client-address";
import { attemptSignIn, throttledMessage } from "./sign-in";

// Self-hosted: the origin comes from the request unless NEXTAUTH_URL pins it (next-auth reads these two itself).
process.env.AUTH_TRUST_HOST ??= "true";

export const SESSION_MAX_AGE_S = 12 * 60 * 60;

/** The session-signing secret: NEXTAUTH_SECRET, or one generated once and shared by every instance through the database. */
async function authSecret(): Promise<string> {
  return config().auth.secret || getOrCreateSetting("nextauth_secret", () => randomBytes(32).toString("base64url"));
}

let cached: AuthOptions | undefined;

export async function getAuthOptions(): Promise<AuthOptions> {
  if (cached) return cached;
  cached = {
    secret: await authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    // Over HTTPS the cookies are Secure (and __Secure- prefixed); otherwise next-auth decides from the request.
    ...(config().https ? { useSecureCookies: true } : {}),
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const client = clientAddress(req?.headers, config().auth.trustedProxies);
          const outcome = await attemptSignIn(credentials, client);
          if (!outcome.ok)
            throw new Error(
              outcome.reason === "throttled" ? throttledMessage(outcome.retryAfterMs) : "Wrong email or password.",
            );
          const { id, email, sessionVersion } = outcome.operator;
          return { id, email, sessionVersion };
        },
      }),
    ],
    callbacks: {
      jwt: ({ token, user }) => (user ? { ...token, sub: user.id, email: user.email, sv: user.sessionVersion } : token),
      session: ({ session, token }) => ({ ...session, user: { email: token.email, id: token.sub, sv: token.sv } }),
      // Only back to this origin: an open redirect after sign-in would be a phishing aid.
      redirect: ({ url, baseUrl }) => {
        const path = sameOriginPath(url, baseUrl);
        return path ? new URL(path, baseUrl).toString() : baseUrl;
      },
    },
    events: {
      // Signing out ends the operator's sessions everywhere: a copied session cookie is worthless afterwards.
      signOut: async ({ token }) => {
        if (token?.sub && typeof token.sv === "number") await endSessions(token.sub, token.sv);
      },
    },
  };
  return cached;
}
