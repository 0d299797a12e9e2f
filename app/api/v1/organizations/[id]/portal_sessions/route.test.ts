import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { INSTALLATION } from "@/lib/api/api-keys";
import { apiRequest, newKey, params, read } from "@/lib/api/test-helpers";
import type { Db } from "@/lib/db/client";
import { readPortalToken } from "@/lib/portal/tokens";
import { resetDb, setupTestDb, testProvider } from "@/lib/test/db";
import { startReceiver } from "@/lib/test/receivers";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { webhookWithStatus } from "@/lib/test/webhooks";
import { createEndpointAction } from "@/lib/actions/create-endpoint";
import { createApiKeyAction } from "@/lib/actions/create-api-key";
import { retryWebhookAction } from "@/lib/actions/retry-webhook";
import { revealEndpointSecretAction } from "@/lib/actions/reveal-endpoint-secret";
import { GET as logPage } from "@/app/api/dashboard/o/[organizationId]/endpoints/[endpointId]/webhooks/route";
import { POST } from "./route";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
let teardown: () => Promise<void>;
let installationKey: string;
let org: { id: string; externalId: string };
let other: string;
beforeAll(async () => ({ db, teardown } = await setupTestDb()));
afterAll(() => teardown());
beforeEach(async () => {
  await resetDb(db);
  installationKey = await newKey("platform", INSTALLATION);
  const acme = await db.organization.create({ data: { name: "Acme", externalId: "cus_acme" } });
  org = { id: acme.id, externalId: "cus_acme" };
  other = (await db.organization.create({ data: { name: "Globex" } })).id;
});

const create = (ref: string, body: unknown, key: string | null = installationKey) =>
  POST(apiRequest("POST", `/api/v1/organizations/${ref}/portal_sessions`, { key, body }), params({ id: ref }));

async function session(role: "admin" | "viewer", organizationId = org.id) {
  const { status, body } = await read<{ portal_session: { url: string; expires_at: string } }>(
    await create(organizationId, { portal_session: { role } }),
  );
  expect(status).toBe(201);
  return new URL(body.portal_session.url).pathname.split("/")[2];
}

describe(`POST /api/v1/organizations/:id/portal_sessions on ${testProvider}`, () => {
  it("answers 201 with the link, its end and its theme, by id or external_id; ttl 3600 and system by default", async () => {
    const before = Date.now();
    for (const ref of [org.id, org.externalId]) {
      const { status, body } = await read<{ portal_session: { url: string; expires_at: string } }>(
        await create(ref, { portal_session: { role: "viewer", ttl_seconds: 600 } }),
      );
      expect(status).toBe(201);
      expect(Object.keys(body.portal_session).sort()).toEqual(["expires_at", "theme", "url"]);
      expect(body.portal_session).toMatchObject({ theme: "system" });
      expect(body.portal_session.url).toMatch(
        /^http:\/\/localhost:3000\/portal\/[\w-]+\.[\w-]+\.[\w-]+\/developers\/webhooks$/,
      );
      const expires = new Date(body.portal_session.expires_at).getTime();
      expect(expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 600_000);
      expect(expires).toBeLessThanOrEqual(Date.now() + 600_000);
      const token = new URL(body.portal_session.url).pathname.split("/")[2];
      expect(await readPortalToken(token)).toMatchObject({
        ok: true,
        organizationId: org.id,
        role: "viewer",
        theme: "system",
      });
    }
    const { body } = await read<{ portal_session: { expires_at: string } }>(
      await create(org.id, { portal_session: { role: "admin" } }),
    );
    expect(new Date(body.portal_session.expires_at).getTime() - Date.now()).toBeGreaterThan(3_590_000);
  });

  it("signs the theme asked for into the link and answers it", async () => {
    for (const theme of ["light", "dark", "system"]) {
      const { status, body } = await read<{ portal_session: { url: string; theme: string } }>(
        await create(org.id, { portal_session: { role: "admin", theme } }),
      );
      expect(status).toBe(201);
      expect(body.portal_session.theme).toBe(theme);
      const token = new URL(body.portal_session.url).pathname.split("/")[2];
      expect(await readPortalToken(token)).toMatchObject({ ok: true, role: "admin", theme });
    }
  });

  it("refuses bad input with 422 naming the field, an unknown organization with 404, and keys that may not", async () => {
    const cases: [unknown, string][] = [
      [{ portal_session: { role: "owner" } }, "role"],
      [{ portal_session: { role: "admin", ttl_seconds: 59 } }, "ttl_seconds"],
      [{ portal_session: { role: "admin", ttl_seconds: 86_401 } }, "ttl_seconds"],
      [{ portal_session: { role: "admin", ttl_seconds: "3600" } }, "ttl_seconds"],
      [{ portal_session: { role: "admin", extra: 1 } }, "extra"],
      [{ portal_session: {} }, "role"],
      [{ portal_session: { role: "admin", theme: "blue" } }, "theme"],
      [{ portal_session: { role: "admin", theme: "Dark" } }, "theme"],
      [{ portal_session: { role: "admin", theme: null } }, "theme"],
    ];
    for (const [body, field] of cases) {
      const answer = await read(await create(org.id, body));
      expect(answer.status, JSON.stringify(body)).toBe(422);
      expect(answer.body.error_details).toHaveProperty(field);
    }
    expect((await read(await create(org.id, { portal_session: { role: "admin", theme: "blue" } }))).body).toEqual({
      status: 422,
      error: "Unprocessable Entity",
      code: "validation_errors",
      error_details: { theme: ['theme must be "system", "light" or "dark".'] },
    });
    expect((await read(await create("nope", { portal_session: { role: "admin" } }))).body).toMatchObject({
      status: 404,
      code: "organization_not_found",
    });
    expect((await create(org.id, { portal_session: { role: "admin" } }, null)).status).toBe(401);
    const organizationKey = await newKey("acme", { organizationId: org.id });
    expect((await create(org.id, { portal_session: { role: "admin" } }, organizationKey)).status).toBe(403);
  });
});

describe(`A portal session's reach on ${testProvider}`, () => {
  it("reads its organization's log through the dashboard's JSON; another organization's ids are not found", async () => {
    const token = await session("viewer");
    const endpoint = await createEndpoint(
      { organizationId: org.id },
      { url: "https://example.com/a", signatureAlgo: "hmac" },
    );
    const foreign = await createEndpoint(
      { organizationId: other },
      { url: "https://example.com/b", signatureAlgo: "hmac" },
    );
    await webhookWithStatus(db, endpoint.id, "failed", org.id);
    const get = (organizationId: string, endpointId: string, headers: Record<string, string>) =>
      logPage(
        new Request(`http://h/api/dashboard/o/${organizationId}/endpoints/${endpointId}/webhooks`, { headers }),
        params({ organizationId, endpointId }),
      );
    const own = await read<{ items: unknown[] }>(await get(org.id, endpoint.id, { "Hookline-Portal-Token": token }));
    expect(own.status).toBe(200);
    expect(own.body.items).toHaveLength(1);
    expect((await get(org.id, foreign.id, { "Hookline-Portal-Token": token })).status).toBe(404);
    expect((await get(other, foreign.id, { "Hookline-Portal-Token": token })).status).toBe(404);
    expect((await get(org.id, endpoint.id, { "Hookline-Portal-Token": `${token}x` })).status).toBe(401);
    expect((await get(org.id, endpoint.id, {})).status).toBe(401);
  });

  it("an admin session runs the webhook actions in its organization only; never keys; a viewer session changes nothing", async () => {
    const admin = await session("admin");
    const viewer = await session("viewer");
    const created = await createEndpointAction({
      organizationId: org.id,
      portalToken: admin,
      url: "https://example.com/portal",
      signatureAlgo: "hmac",
    });
    expect(created).toMatchObject({ ok: true });
    const endpointId = created.ok ? created.data.id : "";
    expect(await revealEndpointSecretAction({ organizationId: org.id, portalToken: admin, endpointId })).toMatchObject({
      ok: true,
    });
    const webhookId = await webhookWithStatus(db, endpointId, "failed", org.id);
    expect(
      await retryWebhookAction({ organizationId: org.id, portalToken: viewer, endpointId, webhookId }),
    ).toMatchObject({
      ok: false,
      error: /role does not allow/,
    });
    expect(
      await createEndpointAction({
        organizationId: org.id,
        portalToken: viewer,
        url: "https://example.com/v",
        signatureAlgo: "jwt",
      }),
    ).toMatchObject({ ok: false, error: /role does not allow/ });
    // Another organization named beside the token: not found, nothing created there.
    expect(
      await createEndpointAction({
        organizationId: other,
        portalToken: admin,
        url: "https://example.com/x",
        signatureAlgo: "jwt",
      }),
    ).toMatchObject({ ok: false, error: /does not exist/ });
    expect(await createApiKeyAction({ organizationId: org.id, portalToken: admin, name: "k" })).toMatchObject({
      ok: false,
      error: /portal cannot/,
    });
    expect(
      await createEndpointAction({
        organizationId: org.id,
        portalToken: "a.b.c",
        url: "https://example.com/y",
        signatureAlgo: "jwt",
      }),
    ).toMatchObject({ ok: false, error: /not valid/ });
    expect(await db.webhookEndpoint.count({ where: { organizationId: other } })).toBe(0);
    expect(await db.webhookEndpoint.count({ where: { organizationId: org.id } })).toBe(1);
    expect(await db.apiKey.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("an admin session retries a failed webhook of its organization; a viewer session and another organization's webhook send nothing", async () => {
    const receiver = await startReceiver();
    onTestFinished(() => receiver.close());
    const scope = { organizationId: org.id };
    const endpoint = await createEndpoint(scope, { url: receiver.url, signatureAlgo: "hmac" });
    const webhookId = await webhookWithStatus(db, endpoint.id, "failed", org.id);
    const foreignEndpoint = await createEndpoint(
      { organizationId: other },
      { url: `${receiver.url}/other`, signatureAlgo: "hmac" },
    );
    const foreignWebhookId = await webhookWithStatus(db, foreignEndpoint.id, "failed", other);
    const retry = (portalToken: string, organizationId: string, ids: { endpointId: string; webhookId: string }) =>
      retryWebhookAction({ organizationId, portalToken, ...ids });
    const state = (id: string) =>
      db.webhook.findUniqueOrThrow({ where: { id }, select: { status: true, retries: true, attemptCount: true } });
    const failed = await state(webhookId);

    expect(await retry(await session("viewer"), org.id, { endpointId: endpoint.id, webhookId })).toEqual({
      ok: false,
      error: "Your role does not allow this. Ask an admin of this organization.",
    });
    expect(await state(webhookId)).toEqual(failed);

    const admin = await session("admin");
    // Another organization's webhook, under its own address or under ours: not found, and left as it was.
    for (const organizationId of [other, org.id]) {
      const refused = await retry(admin, organizationId, {
        endpointId: foreignEndpoint.id,
        webhookId: foreignWebhookId,
      });
      expect(refused).toMatchObject({ ok: false, error: /does not exist/ });
    }
    expect(await state(foreignWebhookId)).toEqual(failed);
    expect(receiver.requests).toHaveLength(0);

    expect(await retry(admin, org.id, { endpointId: endpoint.id, webhookId })).toMatchObject({
      ok: true,
      data: { id: webhookId, status: "succeeded", responseCode: 200 },
    });
    expect(await state(webhookId)).toMatchObject({ status: "succeeded", attemptCount: failed.attemptCount + 1 });
    expect(receiver.requests.map((request) => request.headers["x-lago-unique-key"])).toEqual([webhookId]);
  });
});
