import { Webhook as StandardWebhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { uuidv7 } from "@/lib/db/ids";
import { AppError } from "@/lib/errors";
import { resetDb, setupTestDb } from "@/lib/test/db";
import { closeReceivers, endpoint, receiver } from "@/lib/test/delivery";
import { reply } from "@/lib/test/receivers";
import { startSmtpSink } from "@/lib/test/smtp";
import { runAlertChecks } from "./checks";
import { listAlerts } from "./history";
import { revealAlertSecret, saveAlertSettings } from "./settings";
import { DEFAULT_ORGANIZATION_ID } from "@/lib/tenancy/context";

const MINUTE = 60_000;
let teardown: () => Promise<void>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  ({ teardown } = await setupTestDb());
  smtp = await startSmtpSink();
  process.env.HOOKLINE_SMTP_URL = smtp.url;
  process.env.HOOKLINE_SMTP_FROM = "alerts@example.com";
});
afterAll(async () => {
  delete process.env.HOOKLINE_SMTP_URL;
  delete process.env.HOOKLINE_SMTP_FROM;
  await smtp.close();
  await teardown();
});
beforeEach(async () => {
  const db = getDb();
  await db.alert.deleteMany();
  await db.alertSettings.deleteMany();
  await resetDb(db);
  smtp.mails.length = 0;
});
afterEach(() => closeReceivers());

/** Attempts for an endpoint at given minutes before `now` (ids are UUIDv7 of their start, as the worker writes them). */
async function attempts(endpointId: string, now: Date, list: { minutesAgo: number; ok: boolean; status?: number }[]) {
  const db = getDb();
  const event = await db.event.create({
    data: {
      organizationId: DEFAULT_ORGANIZATION_ID,
      webhookType: "invoice.created",
      objectType: "invoice",
      body: "{}",
    },
  });
  const webhook = await db.webhook.create({
    data: {
      organizationId: DEFAULT_ORGANIZATION_ID,
      eventId: event.id,
      endpointId,
      webhookType: "invoice.created",
      objectType: "invoice",
      status: "retrying",
      nextAttemptAt: new Date(now.getTime() + 60 * MINUTE),
    },
  });
  for (const a of list) {
    const startedAt = new Date(now.getTime() - a.minutesAgo * MINUTE);
    await db.attempt.create({
      data: {
        id: uuidv7(startedAt.getTime()),
        webhookId: webhook.id,
        startedAt,
        durationMs: 12,
        statusCode: a.status ?? (a.ok ? 200 : 503),
        succeeded: a.ok,
      },
    });
  }
}

const times = (n: number, item: { minutesAgo: number; ok: boolean; status?: number }) =>
  Array.from({ length: n }, (_, i) => ({ ...item, minutesAgo: item.minutesAgo - i * 0.01 }));

async function channels(threshold = 80) {
  const hook = await receiver(reply(200));
  await saveAlertSettings(
    {
      emails: "ops@example.com, Oncall@Example.com",
      webhookUrl: hook.url,
      slackText: true,
      successRateThreshold: threshold,
    },
    DEFAULT_ORGANIZATION_ID,
  );
  const { secret } = await revealAlertSecret(DEFAULT_ORGANIZATION_ID);
  return { hook, verifier: new StandardWebhook(secret) };
}

describe("alert settings", () => {
  it("refuses bad input with the field at fault and saves nothing", async () => {
    for (const [input, field] of [
      [
        { emails: "ops@example.com, not-an-email", webhookUrl: "", slackText: false, successRateThreshold: 50 },
        "emails",
      ],
      [{ emails: "", webhookUrl: "ftp://example.com", slackText: false, successRateThreshold: 50 }, "webhookUrl"],
      [{ emails: "", webhookUrl: "", slackText: false, successRateThreshold: 0 }, "successRateThreshold"],
      [{ emails: "", webhookUrl: "", slackText: "yes", successRateThreshold: 50 }, "slackText"],
    ] as const) {
      const error = await saveAlertSettings(input, DEFAULT_ORGANIZATION_ID).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(Object.keys((error as AppError).fieldErrors ?? {})).toEqual([field]);
    }
    expect(await getDb().alertSettings.count()).toBe(0);
    await expect(revealAlertSecret(DEFAULT_ORGANIZATION_ID)).rejects.toThrow(/Save the alert settings first/);
  });
});

describe("alerts", () => {
  it("alerts once when an endpoint fails for 30 minutes, with its success rate and last error, then once when it recovers", async () => {
    const { hook, verifier } = await channels();
    const now = new Date();
    const target = await endpoint("https://example.com/failing");
    await getDb().webhookEndpoint.update({
      where: { id: target.id },
      data: { failingSince: new Date(now.getTime() - 31 * MINUTE), consecutiveFailures: 12 },
    });
    await attempts(target.id, now, times(12, { minutesAgo: 25, ok: false, status: 503 }));

    // Two instances checking at once still send one alert.
    const [first, second] = await Promise.all([runAlertChecks(now), runAlertChecks(now)]);
    const sent = [...first, ...second];
    expect(sent.map((a) => a.kind)).toEqual(["endpoint_failing"]);

    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail.from).toBe("alerts@example.com");
    expect(mail.to.sort()).toEqual(["oncall@example.com", "ops@example.com"]);
    expect(mail.subject).toContain("is failing");
    expect(mail.text).toContain("0% of 12 attempts");
    expect(mail.text).toContain("Last error: HTTP 503");

    await hook.waitFor(1);
    const request = hook.requests[0];
    const body = verifier.verify(request.body, request.headers as Record<string, string>) as {
      type: string;
      alert: { kind: string; endpoint_id: string; details: { success_rate: number; last_error: string; link: string } };
      text: string;
    };
    expect(body.type).toBe("alert.endpoint_failing");
    expect(body.alert).toMatchObject({
      kind: "endpoint_failing",
      endpoint_id: target.id,
      details: {
        success_rate: 0,
        last_error: "HTTP 503",
        link: `http://localhost:3000/developers/webhooks/${target.id}`,
      },
    });
    expect(body.text).toContain("is failing");

    // Still failing a minute later: no second alert.
    expect(await runAlertChecks(new Date(now.getTime() + MINUTE))).toEqual([]);
    expect(smtp.mails).toHaveLength(1);

    // The run of failures ended, but the window's rate is still below 80 %: not yet recovered.
    await getDb().webhookEndpoint.update({
      where: { id: target.id },
      data: { failingSince: null, consecutiveFailures: 0 },
    });
    await attempts(target.id, now, times(40, { minutesAgo: 5, ok: true }));
    expect(await runAlertChecks(now)).toEqual([]);
    await attempts(target.id, now, times(20, { minutesAgo: 4, ok: true }));
    const recovered = await runAlertChecks(now);
    expect(recovered.map((a) => a.kind)).toEqual(["endpoint_recovered"]);
    expect(recovered[0].message).toContain("83.3%");
    expect(smtp.mails.map((m) => m.subject)).toEqual([
      expect.stringContaining("is failing"),
      expect.stringContaining("recovered"),
    ]);
    expect(await runAlertChecks(now)).toEqual([]);

    const history = await listAlerts(DEFAULT_ORGANIZATION_ID);
    expect(history.map((a) => [a.kind, a.open, a.emailResult, a.webhookResult])).toEqual([
      ["endpoint_recovered", false, "sent", "sent"],
      ["endpoint_failing", false, "sent", "sent"],
    ]);
  });

  it("alerts when the success rate falls below the threshold, and when an endpoint is disabled automatically", async () => {
    await channels(50);
    const now = new Date();
    const flaky = await endpoint("https://example.com/flaky");
    await attempts(flaky.id, now, [
      ...times(15, { minutesAgo: 20, ok: false, status: 500 }),
      ...times(5, { minutesAgo: 10, ok: true }),
    ]);
    const gone = await endpoint("https://example.com/gone");
    await getDb().webhookEndpoint.update({
      where: { id: gone.id },
      data: {
        enabled: false,
        disabledAt: now,
        disabledReason: "Disabled automatically: the endpoint answered 410 Gone",
      },
    });
    // Too few attempts to judge a rate: no alert.
    const quiet = await endpoint("https://example.com/quiet");
    await attempts(quiet.id, now, times(3, { minutesAgo: 3, ok: false }));

    const sent = await runAlertChecks(now);
    expect(sent.map((a) => [a.kind, a.endpointId]).sort()).toEqual(
      [
        ["endpoint_auto_disabled", gone.id],
        ["endpoint_failing", flaky.id],
      ].sort(),
    );
    const failing = sent.find((a) => a.kind === "endpoint_failing")!;
    expect(failing.message).toContain("25% of 20 attempts");
    expect(failing.message).toContain("HTTP 500");
    const disabled = sent.find((a) => a.kind === "endpoint_auto_disabled")!;
    expect(disabled.message).toContain("answered 410 Gone");
    expect(disabled.details.link).toBe(`http://localhost:3000/developers/webhooks/${gone.id}`);
    expect(smtp.mails).toHaveLength(2);
    expect(await runAlertChecks(now)).toEqual([]);

    // Enabled again by an operator: the incident ends (silently); disabled again later: a new alert.
    await getDb().webhookEndpoint.update({ where: { id: gone.id }, data: { enabled: true } });
    expect(await runAlertChecks(now)).toEqual([]);
    await getDb().webhookEndpoint.update({ where: { id: gone.id }, data: { enabled: false } });
    expect((await runAlertChecks(now)).map((a) => a.kind)).toEqual(["endpoint_auto_disabled"]);
  });

  it("alerts once when no worker has claimed due work for 5 minutes, and when delivery resumes", async () => {
    await channels();
    const now = new Date();
    const target = await endpoint("https://example.com/waiting");
    const event = await getDb().event.create({
      data: {
        organizationId: DEFAULT_ORGANIZATION_ID,
        webhookType: "invoice.created",
        objectType: "invoice",
        body: "{}",
      },
    });
    const webhook = await getDb().webhook.create({
      data: {
        organizationId: DEFAULT_ORGANIZATION_ID,
        eventId: event.id,
        endpointId: target.id,
        webhookType: "invoice.created",
        objectType: "invoice",
        status: "pending",
        nextAttemptAt: new Date(now.getTime() - 4 * MINUTE),
      },
    });
    // Due for 4 minutes: not yet.
    expect(await runAlertChecks(now)).toEqual([]);
    const later = new Date(now.getTime() + 2 * MINUTE);
    const stalled = await runAlertChecks(later);
    expect(stalled.map((a) => a.kind)).toEqual(["worker_stalled"]);
    expect(stalled[0].message).toContain("1 webhooks are due, the oldest for 6 minutes");
    expect(await runAlertChecks(new Date(later.getTime() + MINUTE))).toEqual([]);

    await getDb().webhook.update({ where: { id: webhook.id }, data: { status: "succeeded", nextAttemptAt: null } });
    expect((await runAlertChecks(later)).map((a) => a.kind)).toEqual(["worker_recovered"]);
    expect(smtp.mails.map((m) => m.subject)).toEqual([
      expect.stringContaining("No worker is delivering webhooks"),
      expect.stringContaining("delivered again"),
    ]);
  });

  it("records an alert with nowhere to send it when the organization has no settings", async () => {
    const now = new Date();
    const gone = await endpoint("https://example.com/gone2");
    await getDb().webhookEndpoint.update({
      where: { id: gone.id },
      data: {
        enabled: false,
        disabledAt: now,
        disabledReason: "Disabled automatically: the endpoint answered 410 Gone",
      },
    });
    expect((await runAlertChecks(now)).map((a) => a.kind)).toEqual(["endpoint_auto_disabled"]);
    expect(smtp.mails).toHaveLength(0);
    expect((await listAlerts(DEFAULT_ORGANIZATION_ID))[0]).toMatchObject({
      emailResult: null,
      webhookResult: null,
      open: true,
    });
  });
});
