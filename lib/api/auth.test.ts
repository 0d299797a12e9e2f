import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { DEFAULT_ORG } from "@/lib/test/organizations";
import { createApiKey, revokeApiKey } from "./api-keys";
import { bearerToken, requireApiKey } from "./auth";
import { thrown } from "./test-helpers";

let db: Db;
let teardown: () => Promise<void>;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(() => resetDb(db));

describe(`API key guard on ${testProvider}`, () => {
  const withBearer = (value?: string) =>
    new Request("http://test", value === undefined ? {} : { headers: { authorization: value } });

  it("reads only a well-formed bearer token", () => {
    expect(bearerToken(withBearer("Bearer abc"))).toBe("abc");
    expect(bearerToken(withBearer("bearer   abc "))).toBe("abc");
    expect(bearerToken(withBearer("Basic abc"))).toBeNull();
    expect(bearerToken(withBearer("Bearer a b"))).toBeNull();
    expect(bearerToken(withBearer())).toBeNull();
  });

  it("accepts an active key; refuses missing, wrong and revoked keys with 401", async () => {
    const { id, key } = await createApiKey(DEFAULT_ORG, "app");
    expect(await requireApiKey(withBearer(`Bearer ${key}`))).toMatchObject({ id });
    expect((await thrown(requireApiKey(withBearer()))).code).toBe("missing_api_key");
    expect((await thrown(requireApiKey(withBearer("Bearer hl_wrong")))).code).toBe("invalid_api_key");
    await revokeApiKey(DEFAULT_ORG, id);
    const revoked = await thrown(requireApiKey(withBearer(`Bearer ${key}`)));
    expect(revoked).toMatchObject({ status: 401, error: "Unauthorized", code: "invalid_api_key" });
  });
});
