// Every server action of an organization, table-driven: an operator of A reaching B's records (by id, in A) gets the
// answer a missing id gets; naming B itself (not a member) is not found; a viewer of A is refused every action that
// changes something, with Forbidden; in every case nothing of B (or A) changes.
import { describe, expect, it, vi } from "vitest";
import { saveAlertSettings } from "@/lib/alerts/settings";
import { createApiKey } from "@/lib/api/api-keys";
import type { Db } from "@/lib/db/client";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";
import { testProvider } from "@/lib/test/db";
import { newOrganization } from "@/lib/test/organizations";
import { signedInTestDb, signIn } from "@/lib/test/session";
import { webhookWithStatus } from "@/lib/test/webhooks";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import type { ActionResult } from "./safe-action";
import { createApiKeyAction } from "./create-api-key";
import { createEndpointAction } from "./create-endpoint";
import { deleteEndpointAction } from "./delete-endpoint";
import { disableEndpointAction } from "./disable-endpoint";
import { enableEndpointAction } from "./enable-endpoint";
import { replayFailedAction } from "./replay-failed";
import { resendWebhookAction } from "./resend-webhook";
import { retryWebhookAction } from "./retry-webhook";
import { revealAlertSecretAction } from "./reveal-alert-secret";
import { revealEndpointSecretAction } from "./reveal-endpoint-secret";
import { revokeApiKeyAction } from "./revoke-api-key";
import { rotateEndpointSecretAction } from "./rotate-endpoint-secret";
import { rotateSigningKeyAction } from "./rotate-signing-key";
import { saveAlertSettingsAction } from "./save-alert-settings";
import { sendTestEventAction } from "./send-test-event";
import { stopRetryingAction } from "./stop-retrying";
import { updateEndpointAction } from "./update-endpoint";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((opened) => (db = opened));

const A = DEFAULT_ORGANIZATION_ID;
const MISSING = "0198c0de-0000-7000-8000-000000000000";
type Ids = { endpointId: string; webhookId: string; keyId: string };

/** One organization's endpoint, a failed webhook of it, a retrying one, an API key, and saved alert settings. */
async function records(organizationId: string): Promise<Ids & { retryingId: string }> {
  const endpoint = await createEndpoint(
    { organizationId },
    { url: "https://same.example/hook", signatureAlgo: "hmac" },
  );
  const alerts = { emails: "ops@same.example", webhookUrl: "https://same.example/alerts", slackText: false };
  await saveAlertSettings({ ...alerts, successRateThreshold: 50 }, organizationId);
  return {
    endpointId: endpoint.id,
    webhookId: await webhookWithStatus(db, endpoint.id, "failed", organizationId),
    retryingId: await webhookWithStatus(db, endpoint.id, "retrying", organizationId),
    keyId: (await createApiKey({ organizationId }, "key")).id,
  };
}

/** Everything stored, to compare before and after a refused call. */
async function everything() {
  return JSON.stringify(
    await Promise.all([
      db.webhookEndpoint.findMany({ orderBy: { id: "asc" } }),
      db.event.findMany({ orderBy: { id: "asc" } }),
      db.webhook.findMany({ orderBy: { id: "asc" } }),
      db.apiKey.findMany({ orderBy: { id: "asc" } }),
      db.setting.findMany({ orderBy: { key: "asc" } }),
      db.alertSettings.findMany({ orderBy: { organizationId: "asc" } }),
    ]),
  );
}

type Call = (organizationId: string, ids: Ids) => Promise<ActionResult<unknown>>;
const since = () => new Date(Date.now() - 3_600_000).toISOString();

/** Every action of an organization, called on records named by `ids`; `changes`: a viewer may not run it. */
const ACTIONS: { name: string; call: Call; takesIds: boolean; changes: boolean }[] = [
  {
    name: "Add webhook",
    takesIds: false,
    changes: true,
    call: (organizationId) =>
      createEndpointAction({ organizationId, url: "https://new.example/hook", signatureAlgo: "hmac" }),
  },
  {
    name: "Edit",
    takesIds: true,
    changes: true,
    call: (organizationId, { endpointId }) =>
      updateEndpointAction({ organizationId, endpointId, name: "taken", url: "https://evil.example/hook" }),
  },
  {
    name: "Delete",
    takesIds: true,
    changes: true,
    call: (organizationId, { endpointId }) => deleteEndpointAction({ organizationId, endpointId }),
  },
  {
    name: "Disable",
    takesIds: true,
    changes: true,
    call: (organizationId, { endpointId }) => disableEndpointAction({ organizationId, endpointId, reason: "no" }),
  },
  {
    name: "Enable",
    takesIds: true,
    changes: true,
    call: (organizationId, { endpointId }) => enableEndpointAction({ organizationId, endpointId }),
  },
  {
    name: "Reveal secret",
    takesIds: true,
    changes: true,
    call: (organizationId, { endpointId }) => revealEndpointSecretAction({ organizationId, endpointId }),
  },
  {
    name: "Rotate secret",
    takesIds: true,
    changes: true,
    call: (organizationId, { endpointId }) => rotateEndpointSecretAction({ organizationId, endpointId }),
  },
  {
    name: "Retry all failed since",
    takesIds: true,
    changes: true,
    call: (organizationId, { endpointId }) => replayFailedAction({ organizationId, endpointId, since: since() }),
  },
  {
    name: "Retry now",
    takesIds: true,
    changes: true,
    call: (organizationId, { endpointId, webhookId }) => retryWebhookAction({ organizationId, endpointId, webhookId }),
  },
  {
    name: "Resend",
    takesIds: true,
    changes: true,
    call: (organizationId, { endpointId, webhookId }) => resendWebhookAction({ organizationId, endpointId, webhookId }),
  },
  {
    name: "Stop retrying",
    takesIds: true,
    changes: true,
    call: (organizationId, { endpointId, webhookId }) => stopRetryingAction({ organizationId, endpointId, webhookId }),
  },
  {
    name: "Send test event",
    takesIds: true,
    changes: true,
    call: (organizationId, { endpointId }) =>
      sendTestEventAction({ organizationId, endpointId, webhookType: "invoice.created" }),
  },
  {
    name: "Create API key",
    takesIds: false,
    changes: true,
    call: (organizationId) => createApiKeyAction({ organizationId, name: "mine" }),
  },
  {
    name: "Create installation key",
    takesIds: false,
    changes: true,
    call: (organizationId) => createApiKeyAction({ organizationId, name: "platform", installation: true }),
  },
  {
    name: "Revoke API key",
    takesIds: true,
    changes: true,
    call: (organizationId, { keyId }) => revokeApiKeyAction({ organizationId, id: keyId }),
  },
  {
    name: "Rotate signing key",
    takesIds: false,
    changes: true,
    call: (organizationId) => rotateSigningKeyAction({ organizationId }),
  },
  {
    name: "Save alert settings",
    takesIds: false,
    changes: true,
    call: (organizationId) =>
      saveAlertSettingsAction({
        organizationId,
        emails: "intruder@evil.example",
        webhookUrl: "https://evil.example/alerts",
        slackText: true,
        successRateThreshold: 1,
      }),
  },
  {
    // Changes nothing, but hands out a secret: an admin's, like the endpoint's Reveal.
    name: "Reveal alert secret",
    takesIds: false,
    changes: true,
    call: (organizationId) => revealAlertSecretAction({ organizationId }),
  },
];

const NOT_A_MEMBER = { ok: false, error: "This organization does not exist, or you are not a member of it." };
const FORBIDDEN = { ok: false, error: "Your role does not allow this. Ask an admin of this organization." };

describe(`isolation of every server action between organizations, on ${testProvider}`, () => {
  it.each(ACTIONS.filter((a) => a.takesIds).map((a) => [a.name, a] as const))(
    "%s: another organization's ids, named in mine, answer as missing ones, and change nothing",
    async (_, action) => {
      const b = (await newOrganization(db)).organizationId;
      const theirs = await records(b);
      // For a retry and "Stop retrying", B's webhook is of the state each accepts.
      const target = action.name === "Stop retrying" ? { ...theirs, webhookId: theirs.retryingId } : theirs;
      const before = await everything();
      const foreign = await action.call(A, target);
      const missing = await action.call(A, { endpointId: MISSING, webhookId: MISSING, keyId: MISSING });
      expect(foreign.ok).toBe(false);
      expect(foreign).toEqual(missing);
      expect(await everything()).toBe(before);
    },
  );

  it.each(ACTIONS.map((a) => [a.name, a] as const))(
    "%s: naming an organization I am not a member of is not found, and changes nothing",
    async (_, action) => {
      const b = (await newOrganization(db)).organizationId;
      const theirs = await records(b);
      const before = await everything();
      expect(await action.call(b, theirs)).toEqual(NOT_A_MEMBER);
      expect(await everything()).toBe(before);
    },
  );

  it.each(ACTIONS.filter((a) => a.changes).map((a) => [a.name, a] as const))(
    "%s: a viewer is refused with Forbidden, and nothing changes",
    async (_, action) => {
      const ours = await records(A);
      await signIn(db, "ops@example.com", { organizationId: A, role: "viewer" });
      const before = await everything();
      expect(await action.call(A, ours)).toEqual(FORBIDDEN);
      expect(await everything()).toBe(before);
    },
  );

  it("the installation keys and the signing key are the owner's: an admin of an organization is refused", async () => {
    const before = await everything();
    for (const action of ACTIONS.filter((a) => a.name === "Create installation key" || a.name === "Rotate signing key"))
      expect(await action.call(A, { endpointId: MISSING, webhookId: MISSING, keyId: MISSING })).toMatchObject({
        ok: false,
        error: expect.stringMatching(/owner/),
      });
    const installationKey = await createApiKey({ organizationId: null }, "platform");
    expect(await revokeApiKeyAction({ organizationId: A, id: installationKey.id, installation: true })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/owner/),
    });
    // Named as one of the organization's keys, an installation key does not exist there.
    expect(await revokeApiKeyAction({ organizationId: A, id: installationKey.id })).toEqual({
      ok: false,
      error: "This API key does not exist.",
    });
    expect(await db.apiKey.count({ where: { revokedAt: { not: null } } })).toBe(0);
    expect(await db.apiKey.count()).toBe(JSON.parse(before)[3].length + 1);
  });

  it("the owner, member or not, acts in any organization as its admin", async () => {
    const b = (await newOrganization(db)).organizationId;
    await db.operator.updateMany({ data: { isOwner: true } });
    const added = await createEndpointAction({
      organizationId: b,
      url: "https://b.example/hook",
      signatureAlgo: "hmac",
    });
    expect(added).toMatchObject({ ok: true });
    expect(await db.webhookEndpoint.count({ where: { organizationId: b } })).toBe(1);
    const key = await createApiKeyAction({ organizationId: b, name: "platform", installation: true });
    expect(key).toMatchObject({ ok: true });
    expect(await db.apiKey.count({ where: { organizationId: null } })).toBe(1);
  });
});
