import type { CredentialsConfig } from "next-auth/providers/credentials";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { createDb, type Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { CLIENT_ADDRESS_HEADER, installClientAddressHeader } from "./client-address";
import { createFirstOperator } from "./operators";
import { getAuthOptions } from "./options";
import { attemptSignIn } from "./sign-in";
import { prune } from "./throttle";

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => {
  ({ db, teardown } = await setupTestDb());
  installClientAddressHeader();
});
afterAll(() => teardown());
beforeEach(async () => {
  process.env.HOOKLINE_LOGIN_MAX_FAILURES = String(LIMIT);
  await resetDb(db);
  await createFirstOperator({ email: ADMIN.email, password: ADMIN.password, confirm: ADMIN.password });
});
afterEach(() => {
  delete process.env.HOOKLINE_TRUSTED_PROXIES;
  delete process.env.HOOKLINE_LOGIN_MAX_FAILURES;
});

const ADMIN = { email: "admin@example.com", password: "the right password" };
// Small, so that the tests spend few password hashes (each is slow on purpose).
const LIMIT = 2;

type Outcome = "signed in" | "wrong" | "throttled";

/** next-auth's authorize for the credentials provider, as POST /api/auth/callback/credentials runs it. */
async function authorize(
  email: string,
  password: string,
  headers: Record<string, string> = { [CLIENT_ADDRESS_HEADER]: "198.51.100.7" },
): Promise<Outcome> {
  const provider = (await getAuthOptions()).providers[0] as unknown as {
    options: Pick<CredentialsConfig, "authorize">;
  };
  try {
    const user = await provider.options.authorize(
      { email, password },
      { headers, body: {}, query: {}, method: "POST" },
    );
    return user ? "signed in" : "wrong";
  } catch (error) {
    const message = (error as Error).message;
    if (message === "Wrong email or password.") return "wrong";
    expect(message).toMatch(/^Too many failed attempts\. Try again in \d+ minute\(s\)\.$/);
    return "throttled";
  }
}

const from = (address: string, forwardedFor?: string) => ({
  [CLIENT_ADDRESS_HEADER]: address,
  ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
});

const tally = (outcomes: Outcome[]) => ({
  checked: outcomes.filter((o) => o !== "throttled").length,
  signedIn: outcomes.filter((o) => o === "signed in").length,
});

describe(`sign-in limits on ${testProvider}`, () => {
  it("counts an attempt before the password is checked: of 100 concurrent guesses at most the limit are checked", async () => {
    const guesses = Array.from({ length: 100 }, (_, i) => (i === 99 ? ADMIN.password : `wrong guess ${i}`));
    const outcomes = await Promise.all(guesses.map((password) => authorize(ADMIN.email, password)));
    expect(tally(outcomes).checked).toBeLessThanOrEqual(LIMIT);
    // The right password, last of the burst, is refused with the rest: the limit was spent.
    expect(outcomes[99]).toBe("throttled");
  });

  it("ignores X-Forwarded-For by default: new values do not reset a client's limit", async () => {
    const outcomes: Outcome[] = [];
    for (let i = 0; i <= 4 * LIMIT; i++) {
      outcomes.push(await authorize(`user${i}@example.com`, "a guess", from("198.51.100.7", `203.0.113.${i}`)));
    }
    expect(outcomes.slice(0, 4 * LIMIT).every((o) => o === "wrong")).toBe(true);
    expect(outcomes[4 * LIMIT]).toBe("throttled");
  });

  it("reads the address HOOKLINE_TRUSTED_PROXIES hops back in X-Forwarded-For", async () => {
    process.env.HOOKLINE_TRUSTED_PROXIES = "1";
    // Behind one proxy (10.0.0.2): each client is the last entry; what a client put before it is not believed.
    for (let i = 0; i < LIMIT; i++)
      expect(await authorize(ADMIN.email, "a guess", from("10.0.0.2", `6.6.6.${i}, 203.0.113.1`))).toBe("wrong");
    expect(await authorize(ADMIN.email, "a guess", from("10.0.0.2", "6.6.6.99, 203.0.113.1"))).toBe("throttled");
    expect(await authorize("other@example.com", "a guess", from("10.0.0.2", "203.0.113.2"))).toBe("wrong");
  });

  it("does not let a stranger lock out the operator signing in from a known client; a distributed guesser gets 2N checks", async () => {
    const operatorClient = from("192.0.2.10");
    expect(await authorize(ADMIN.email, ADMIN.password, operatorClient)).toBe("signed in");

    // One stranger: the limit per client and email.
    const stranger: Outcome[] = [];
    for (let i = 0; i <= LIMIT; i++) stranger.push(await authorize(ADMIN.email, `guess ${i}`, from("198.51.100.66")));
    expect(stranger.at(-1)).toBe("throttled");
    // Many strangers, one guess each: together they get 2N checks on the email, then it is refused to new clients.
    const distributed: Outcome[] = [];
    for (let i = 0; i < 30; i++) distributed.push(await authorize(ADMIN.email, `guess ${i}`, from(`203.0.113.${i}`)));
    expect(tally([...stranger, ...distributed]).checked).toBe(2 * LIMIT);
    expect(await authorize(ADMIN.email, ADMIN.password, from("203.0.113.200"))).toBe("throttled");

    // The operator, from the client it signed in from before, is not affected.
    expect(await authorize(ADMIN.email, ADMIN.password, operatorClient)).toBe("signed in");
  });

  it("counts IPv6 clients by their /64 and IPv4-mapped addresses as IPv4", async () => {
    for (let i = 0; i < 4 * LIMIT; i++)
      expect(await authorize(`u${i}@example.com`, "a guess", from(`2001:db8:1:2::${i.toString(16)}`))).toBe("wrong");
    expect(await authorize("next@example.com", "a guess", from("2001:db8:1:2:ffff::1"))).toBe("throttled");
    expect(await authorize("next@example.com", "a guess", from("2001:db8:1:3::1"))).toBe("wrong");
    for (let i = 0; i < 4 * LIMIT; i++) await authorize(`v${i}@example.com`, "a guess", from("198.51.100.8"));
    expect(await authorize("next@example.com", "a guess", from("::ffff:198.51.100.8"))).toBe("throttled");
  });

  it("lets a client try again when the window ends, and a success ends its run of failures", async () => {
    const t0 = new Date("2026-12-01T10:00:00Z");
    const windowMs = config().auth.login.windowMs;
    const attempt = (password: string, now: Date) =>
      attemptSignIn({ email: ADMIN.email, password }, "198.51.100.9", { now });
    for (let i = 0; i < LIMIT - 1; i++) expect((await attempt("wrong", t0)).ok).toBe(false);
    expect((await attempt(ADMIN.password, t0)).ok).toBe(true);
    for (let i = 0; i < LIMIT; i++) expect(await attempt("wrong", t0)).toMatchObject({ ok: false, reason: "wrong" });
    expect(await attempt(ADMIN.password, t0)).toMatchObject({ ok: false, reason: "throttled", retryAfterMs: windowMs });
    expect((await attempt(ADMIN.password, new Date(t0.getTime() + windowMs))).ok).toBe(true);
  });

  it("keeps bounded state whatever the input: fixed-length keys, one client's rows capped, expired rows pruned", async () => {
    const hugeEmail = `${"x".repeat(100_000)}@example.com`;
    for (let i = 0; i < 60; i++) {
      await authorize(`${i}${hugeEmail}`, "a guess", from("198.51.100.10", `${i}`.padStart(8_000, "1")));
    }
    const rows = await db.loginThrottle.findMany({ select: { key: true } });
    // One client: its own row, and per email at most one client-and-email and one email row until it is locked.
    expect(rows.length).toBeLessThanOrEqual(1 + 2 * 4 * LIMIT + 1);
    expect(Math.max(...rows.map((row) => row.key.length))).toBeLessThanOrEqual(80);

    const later = new Date(Date.now() + 4 * config().auth.login.windowMs + 1);
    expect(await prune(db, later, true)).toBe(rows.length);
    expect(await db.loginThrottle.count()).toBe(0);
  });

  it("shares the limits between instances on one database", async () => {
    const other = createDb(config().database);
    try {
      const outcomes = [];
      for (let i = 0; i <= LIMIT; i++) {
        outcomes.push(
          await attemptSignIn({ email: ADMIN.email, password: "wrong" }, "198.51.100.11", { db: i % 2 ? other : db }),
        );
      }
      expect(outcomes.at(-1)).toMatchObject({ ok: false, reason: "throttled" });
    } finally {
      await other.$disconnect();
    }
  });
});
