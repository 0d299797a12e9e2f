import { beforeEach, describe, expect, it, vi } from "vitest";
import { saveAlertSettings } from "@/lib/alerts/settings";
import type { Db } from "@/lib/db/client";
import { testProvider } from "@/lib/test/db";
import { signedInTestDb, signIn } from "@/lib/test/session";
import { webhookWithStatus } from "@/lib/test/webhooks";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { createApiKeyAction } from "./create-api-key";
import { createEndpointAction } from "./create-endpoint";
import { createInvitationAction } from "./create-invitation";
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
import { saveAlertSettingsAction } from "./save-alert-settings";
import { sendTestEventAction } from "./send-test-event";
import { stopRetryingAction } from "./stop-retrying";
import { updateEndpointAction } from "./update-endpoint";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((d) => (db = d));

const ORG = { organizationId: DEFAULT_ORGANIZATION_ID };
const ALERTS = {
  emails: "ops@example.com",
  webhookUrl: "https://example.com/alerts",
  slackText: false,
  successRateThreshold: 50,
};
let endpointId: string;
let webhookId: string;

beforeEach(async () => {
  endpointId = (await createEndpoint(ORG, { url: "https://example.com/hook", signatureAlgo: "hmac" })).id;
  webhookId = await webhookWithStatus(db, endpointId, "failed");
  // Saved, so that revealing the alert secret would succeed for an admin.
  await saveAlertSettings(ALERTS, ORG.organizationId);
  await signIn(db, "viewer@example.com", { role: "viewer" });
});

describe(`A viewer on ${testProvider}`, () => {
  it("is refused every action that changes something or reveals a secret, and nothing changes", async () => {
    const before = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    const alertsBefore = await db.alertSettings.findMany();
    const refused: [string, Promise<{ ok: boolean; error?: string }>][] = [
      ["create endpoint", createEndpointAction({ ...ORG, url: "https://example.com/other", signatureAlgo: "jwt" })],
      ["update endpoint", updateEndpointAction({ ...ORG, endpointId, name: "Renamed" })],
      ["delete endpoint", deleteEndpointAction({ ...ORG, endpointId })],
      ["disable endpoint", disableEndpointAction({ ...ORG, endpointId })],
      ["enable endpoint", enableEndpointAction({ ...ORG, endpointId })],
      ["rotate secret", rotateEndpointSecretAction({ ...ORG, endpointId })],
      ["reveal secret", revealEndpointSecretAction({ ...ORG, endpointId })],
      ["send test event", sendTestEventAction({ ...ORG, endpointId, webhookType: "invoice.created" })],
      ["retry", retryWebhookAction({ ...ORG, endpointId, webhookId })],
      ["resend", resendWebhookAction({ ...ORG, endpointId, webhookId })],
      ["stop retrying", stopRetryingAction({ ...ORG, endpointId, webhookId })],
      ["replay", replayFailedAction({ ...ORG, endpointId, since: new Date(0).toISOString() })],
      ["create API key", createApiKeyAction({ ...ORG, name: "k" })],
      ["revoke API key", revokeApiKeyAction({ ...ORG, id: "0198c0de-0000-7000-8000-000000000000" })],
      ["invite", createInvitationAction({ ...ORG, email: "x@example.com", role: "admin" })],
      ["save alert settings", saveAlertSettingsAction({ ...ORG, ...ALERTS, emails: "x@example.com" })],
      ["reveal alert secret", revealAlertSecretAction(ORG)],
    ];
    for (const [what, result] of refused) {
      expect(await result, what).toMatchObject({ ok: false, error: expect.stringMatching(/role does not allow/) });
    }
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } })).toEqual(before);
    expect(await db.webhookEndpoint.count()).toBe(1);
    expect(await db.apiKey.count()).toBe(0);
    expect(await db.invitation.count()).toBe(0);
    expect(await db.alertSettings.findMany()).toEqual(alertsBefore);
    expect((await db.webhook.findUniqueOrThrow({ where: { id: webhookId } })).status).toBe("failed");
  });
});
