import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { saveAlertSettings } from "@/lib/alerts/settings";
import { testProvider } from "@/lib/test/db";
import { newOrganization } from "@/lib/test/organizations";
import { signedInTestDb, signOut } from "@/lib/test/session";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";
import { revealAlertSecretAction } from "./reveal-alert-secret";
import { saveAlertSettingsAction } from "./save-alert-settings";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next-auth", () => import("@/lib/test/session"));

let db: Db;
signedInTestDb((opened) => (db = opened));

const input = {
  organizationId: DEFAULT_ORGANIZATION_ID,
  emails: "ops@example.com\noncall@example.com",
  webhookUrl: "https://hooks.example.com/alerts",
  slackText: true,
  successRateThreshold: 75,
};

describe(`Alerts page actions on ${testProvider}`, () => {
  it("saves where alerts go, keeps the webhook secret across saves, and reveals it to an operator", async () => {
    expect(await revealAlertSecretAction({ organizationId: DEFAULT_ORGANIZATION_ID })).toMatchObject({
      ok: false,
      error: /Save the alert settings first/,
    });
    const saved = await saveAlertSettingsAction(input);
    expect(saved).toMatchObject({
      ok: true,
      data: {
        emails: ["ops@example.com", "oncall@example.com"],
        webhookUrl: "https://hooks.example.com/alerts",
        slackText: true,
        successRateThreshold: 75,
        saved: true,
      },
    });
    expect(JSON.stringify(saved)).not.toContain("whsec_");
    const row = await db.alertSettings.findFirstOrThrow();
    expect(row.webhookSecret).toMatch(/^whsec_/);
    expect(await saveAlertSettingsAction({ ...input, webhookUrl: "", slackText: false })).toMatchObject({ ok: true });
    expect((await db.alertSettings.findFirstOrThrow()).webhookSecret).toBe(row.webhookSecret);
    expect(await revealAlertSecretAction({ organizationId: DEFAULT_ORGANIZATION_ID })).toEqual({
      ok: true,
      data: { secret: row.webhookSecret },
    });
  });

  it("refuses bad input field by field and changes nothing", async () => {
    await saveAlertSettingsAction(input);
    const result = await saveAlertSettingsAction({ ...input, emails: "nope", successRateThreshold: 101 });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { emails: expect.any(Array), successRateThreshold: expect.any(Array) },
    });
    expect((await db.alertSettings.findFirstOrThrow()).successRateThreshold).toBe(75);
  });

  it("keeps each organization's settings its own: saving in mine leaves another's, revealing in mine never gives it", async () => {
    const other = (await newOrganization(db)).organizationId;
    const { organizationId: _, ...fields } = input;
    await saveAlertSettings(fields, other);
    const theirs = await db.alertSettings.findUniqueOrThrow({ where: { organizationId: other } });
    expect(await revealAlertSecretAction({ organizationId: DEFAULT_ORGANIZATION_ID })).toMatchObject({
      ok: false,
      error: /Save the alert settings first/,
    });
    expect(await saveAlertSettingsAction({ ...input, successRateThreshold: 10 })).toMatchObject({ ok: true });
    const mine = await revealAlertSecretAction({ organizationId: DEFAULT_ORGANIZATION_ID });
    expect(mine).toMatchObject({ ok: true, data: { secret: expect.stringMatching(/^whsec_/) } });
    expect(JSON.stringify(mine)).not.toContain(theirs.webhookSecret);
    expect(await db.alertSettings.findUniqueOrThrow({ where: { organizationId: other } })).toEqual(theirs);
  });

  it("answers a signed-out caller with nothing", async () => {
    await saveAlertSettingsAction(input);
    signOut();
    expect(await saveAlertSettingsAction({ ...input, successRateThreshold: 10 })).toEqual({
      ok: false,
      error: "Your session has ended. Sign in again.",
    });
    expect(await revealAlertSecretAction({ organizationId: DEFAULT_ORGANIZATION_ID })).toEqual({
      ok: false,
      error: "Your session has ended. Sign in again.",
    });
    expect((await db.alertSettings.findFirstOrThrow()).successRateThreshold).toBe(75);
  });
});
