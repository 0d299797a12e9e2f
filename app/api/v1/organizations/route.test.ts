// The platform API: organizations created, listed, read, changed and deleted with an installation key; an
// organization's key is refused; :id is the id or the external_id; deleting takes everything the organization owns.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authenticateApiKey, ensureEnvInstallationApiKey, INSTALLATION } from "@/lib/api/api-keys";
import type { LagoOrganization, PaginationMeta } from "@/lib/api/lago";
import { apiRequest, newKey, params, read } from "@/lib/api/test-helpers";
import type { Db } from "@/lib/db/client";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { emitEvent } from "@/lib/webhooks/emit";
import * as one from "./[id]/route";
import { GET, POST } from "./route";

let db: Db;
let teardown: () => Promise<void>;
let installation: string;
let organizationKey: string;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(async () => {
  await resetDb(db);
  installation = await newKey("platform", INSTALLATION);
  organizationKey = await newKey("default's");
});

type One = { organization: LagoOrganization };
type List = { organizations: LagoOrganization[]; meta: PaginationMeta };

const create = (organization: unknown, key: string | null = installation) =>
  POST(apiRequest("POST", "/api/v1/organizations", { key, body: { organization } }), undefined);
const list = (query = "", key: string | null = installation) =>
  GET(apiRequest("GET", `/api/v1/organizations${query}`, { key }), undefined);
const get = (id: string, key: string | null = installation) =>
  one.GET(apiRequest("GET", `/api/v1/organizations/${encodeURIComponent(id)}`, { key }), params({ id }));
const put = (id: string, organization: unknown, key: string | null = installation) =>
  one.PUT(
    apiRequest("PUT", `/api/v1/organizations/${encodeURIComponent(id)}`, { key, body: { organization } }),
    params({ id }),
  );
const del = (id: string, key: string | null = installation) =>
  one.DELETE(apiRequest("DELETE", `/api/v1/organizations/${encodeURIComponent(id)}`, { key }), params({ id }));

describe(`the platform API (/api/v1/organizations) on ${testProvider}`, () => {
  it("creates an organization: 201 with lago_id, name, external_id, created_at and the portal's fields", async () => {
    const { status, body } = await read<One>(
      await create({ name: " Acme Corp ", external_id: "acme", portal_accent_color: "#4F46E5" }),
    );
    expect(status).toBe(201);
    expect(body.organization).toEqual({
      lago_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "Acme Corp",
      external_id: "acme",
      portal_name: null,
      portal_accent_color: "#4f46e5",
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    expect(await db.organization.findUniqueOrThrow({ where: { id: body.organization.lago_id } })).toMatchObject({
      name: "Acme Corp",
      externalId: "acme",
    });
    // Without an external id.
    expect((await read<One>(await create({ name: "Beta" }))).body.organization.external_id).toBeNull();
  });

  it("refuses bad fields with 422 naming each, a duplicate external_id too, and writes nothing", async () => {
    await create({ name: "Acme", external_id: "acme" });
    const before = await db.organization.count();
    const cases: [unknown, Record<string, unknown>][] = [
      [{}, { name: [expect.any(String)] }],
      [{ name: " " }, { name: ["The name cannot be blank."] }],
      [{ name: "x".repeat(101) }, { name: [expect.stringMatching(/at most 100/)] }],
      [{ name: "A\u0000B" }, { name: [expect.stringMatching(/control characters/)] }],
      [
        { name: "Acme 2", external_id: "acme" },
        { external_id: ["Another organization already has this external id."] },
      ],
      [{ name: "Acme 2", external_id: 42 }, { external_id: [expect.any(String)] }],
      [
        { name: "Acme 2", portal_accent_color: "red" },
        { portal_accent_color: ["The accent colour must look like #1a2b3c."] },
      ],
      [{ name: "Acme 2", plan: "gold" }, { plan: ["is not a known field"] }],
    ];
    for (const [organization, details] of cases) {
      const { status, body } = await read(await create(organization));
      expect(status, JSON.stringify(organization)).toBe(422);
      expect(body).toMatchObject({ code: "validation_errors", error_details: details });
    }
    const { status } = await read(
      await POST(apiRequest("POST", "/api/v1/organizations", { key: installation, body: [1] }), undefined),
    );
    expect(status).toBe(422);
    expect(await db.organization.count()).toBe(before);
  });

  it("is the installation key's alone: an organization's key is 403, none or a wrong one 401; nothing is written", async () => {
    const { status, body } = await read(await create({ name: "Acme" }, organizationKey));
    expect(status).toBe(403);
    expect(body).toMatchObject({ code: "installation_key_required" });
    for (const call of [
      list("", organizationKey),
      get(DEFAULT_ORGANIZATION_ID, organizationKey),
      del(DEFAULT_ORGANIZATION_ID, organizationKey),
    ])
      expect((await call).status).toBe(403);
    expect((await create({ name: "Acme" }, null)).status).toBe(401);
    expect((await create({ name: "Acme" }, "hl_wrong")).status).toBe(401);
    // A revoked installation key is worthless.
    await db.apiKey.updateMany({ where: { organizationId: null }, data: { revokedAt: new Date() } });
    expect((await create({ name: "Acme" })).status).toBe(401);
    expect(await db.organization.count()).toBe(1);
  });

  it("accepts HOOKLINE_INSTALLATION_API_KEY once start-up has added it; a wrong key is 401", async () => {
    const key = "hl_installation_key_from_the_environment_0123";
    process.env.HOOKLINE_INSTALLATION_API_KEY = key;
    try {
      expect((await list("", key)).status).toBe(401);
      // What start-up (lib/boot.ts) does with the setting.
      expect(await ensureEnvInstallationApiKey()).toBe("created");
      const { status, body } = await read<List>(await list("", key));
      expect(status).toBe(200);
      expect(body.organizations.map((organization) => organization.lago_id)).toEqual([DEFAULT_ORGANIZATION_ID]);
      const wrong = await read(await list("", `${key.slice(0, -1)}4`));
      expect(wrong.status).toBe(401);
      expect(wrong.body).toMatchObject({ code: "invalid_api_key" });
    } finally {
      delete process.env.HOOKLINE_INSTALLATION_API_KEY;
    }
  });

  it("lists organizations oldest first with Lago's meta, page and per_page", async () => {
    for (const name of ["A", "B", "C"]) await create({ name, external_id: name.toLowerCase() });
    const first = await read<List>(await list("?per_page=2"));
    expect(first.status).toBe(200);
    // The Default organization is the oldest.
    expect(first.body.organizations.map((o) => o.name)).toEqual(["Default", "A"]);
    expect(first.body.meta).toEqual({ current_page: 1, next_page: 2, prev_page: null, total_pages: 2, total_count: 4 });
    const second = await read<List>(await list("?page=2&per_page=2"));
    expect(second.body.organizations.map((o) => o.name)).toEqual(["B", "C"]);
    expect(second.body.meta).toMatchObject({ current_page: 2, next_page: null, prev_page: 1 });
    expect((await read<List>(await list("?page=9"))).body.organizations).toEqual([]);
  });

  it("reads, changes and deletes by id or by external_id; an unknown one is 404 organization_not_found", async () => {
    const { body } = await read<One>(await create({ name: "Acme", external_id: "acme-42" }));
    const id = body.organization.lago_id;
    expect((await read<One>(await get(id))).body).toEqual(body);
    expect((await read<One>(await get("acme-42"))).body).toEqual(body);

    const changed = await read<One>(await put("acme-42", { name: "Acme Corporation", portal_name: "Acme hooks" }));
    expect(changed.status).toBe(200);
    expect(changed.body.organization).toMatchObject({
      lago_id: id,
      name: "Acme Corporation",
      external_id: "acme-42",
      portal_name: "Acme hooks",
    });
    // null clears an optional field; the new external_id is the one that works.
    expect(
      (await read<One>(await put(id, { external_id: "acme-43", portal_name: null }))).body.organization,
    ).toMatchObject({
      external_id: "acme-43",
      portal_name: null,
      name: "Acme Corporation",
    });
    expect((await get("acme-42")).status).toBe(404);

    for (const unknown of ["nope", "0198c0de-0000-7000-8000-000000000000", "x".repeat(300), "a\u0000b"]) {
      for (const call of [get(unknown), put(unknown, { name: "X" }), del(unknown)]) {
        const { status, body: error } = await read(await call);
        expect(status).toBe(404);
        expect(error).toMatchObject({ code: "organization_not_found" });
      }
    }
    expect((await read(await put(id, { name: "" }))).status).toBe(422);
    expect((await db.organization.findUniqueOrThrow({ where: { id } })).name).toBe("Acme Corporation");
  });

  it("deletes an organization with everything it owns, in one go, and nothing of any other", async () => {
    const { body } = await read<One>(await create({ name: "Acme", external_id: "acme" }));
    const acme = { organizationId: body.organization.lago_id };
    const keep = { organizationId: DEFAULT_ORGANIZATION_ID };
    for (const scope of [acme, keep]) {
      await createEndpoint(scope, { url: "https://shared.example/hook", signatureAlgo: "hmac" });
      await emitEvent(scope, { webhookType: "invoice.created", objectType: "invoice", object: { lago_id: "inv" } });
    }
    const acmeKey = await newKey("acme's", acme);
    const operator = await db.operator.create({ data: { email: "a@acme.example", passwordHash: "x" } });
    await db.membership.create({ data: { ...acme, operatorId: operator.id, role: "admin" } });
    await db.invitation.create({
      data: { ...acme, email: "b@acme.example", role: "viewer", tokenHash: "h", expiresAt: new Date(Date.now() + 1e6) },
    });
    const webhook = await db.webhook.findFirstOrThrow({ where: acme });
    await db.attempt.create({
      data: { webhookId: webhook.id, startedAt: new Date(), durationMs: 5, statusCode: 500, succeeded: false },
    });

    const { status, body: deleted } = await read<One>(await del("acme"));
    expect(status).toBe(200);
    expect(deleted).toEqual(body);
    for (const count of [
      db.webhookEndpoint.count({ where: acme }),
      db.event.count({ where: acme }),
      db.webhook.count({ where: acme }),
      db.attempt.count(),
      db.apiKey.count({ where: acme }),
      db.membership.count({ where: acme }),
      db.invitation.count({ where: acme }),
      db.organization.count({ where: { id: acme.organizationId } }),
    ])
      expect(await count).toBe(0);
    expect(await authenticateApiKey(acmeKey)).toBeNull();
    // The operator stays (they may belong elsewhere); the other organization keeps everything.
    expect(await db.operator.count()).toBe(1);
    expect(await db.webhookEndpoint.count({ where: keep })).toBe(1);
    expect(await db.webhook.count({ where: keep })).toBe(1);
    expect((await del("acme")).status).toBe(404);
  });

  it("keeps the Default organization: deleting it is 405 and changes nothing", async () => {
    const { status, body } = await read(await del(DEFAULT_ORGANIZATION_ID));
    expect(status).toBe(405);
    expect(body).toMatchObject({ code: "not_allowed", message: expect.stringMatching(/Default organization/) });
    expect(await db.organization.count({ where: { id: DEFAULT_ORGANIZATION_ID } })).toBe(1);
  });
});
