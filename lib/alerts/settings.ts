import { z } from "zod";
import { emailSchema } from "@/lib/auth/schemas";
import { config } from "@/lib/config";
import { getDb, type Db } from "@/lib/db/client";
import { AppError, AppErrorCode, parseInput } from "@/lib/errors";
import { webhookUrlSchema } from "@/lib/webhooks/schemas";
import { generateStandardSecret } from "@/lib/webhooks/signing";
import { assertPublicUrl } from "@/lib/webhooks/ssrf";

/**
 * Where an organization's alerts go: email addresses (sent through HOOKLINE_SMTP_URL) and/or an alert webhook
 * (signed with Standard Webhooks, its own secret; optionally with Slack's `text`), and the success rate below which
 * an endpoint counts as failing. One row per organization; none saved yet: alerts are recorded, sent nowhere.
 */

export const MAX_ALERT_EMAILS = 10;
export const DEFAULT_SUCCESS_RATE_THRESHOLD = 50;

const emailsSchema = z
  .string()
  .max(2_000, "Too long.")
  .transform((text, ctx) => {
    const emails = [
      ...new Set(
        text
          .split(/[\s,;]+/)
          .map((e) => e.trim().toLowerCase())
          .filter(Boolean),
      ),
    ];
    if (emails.length > MAX_ALERT_EMAILS) {
      ctx.addIssue({ code: "custom", message: `At most ${MAX_ALERT_EMAILS} addresses.` });
      return z.NEVER;
    }
    const wrong = emails.find((email) => !emailSchema.safeParse(email).success);
    if (wrong) {
      ctx.addIssue({ code: "custom", message: `"${wrong.slice(0, 60)}" is not an email address.` });
      return z.NEVER;
    }
    return emails;
  });

/** The settings form (dashboard): emails as one text (comma or newline separated), the webhook URL or empty. */
export const alertSettingsInputSchema = z.strictObject({
  emails: emailsSchema,
  webhookUrl: z
    .string()
    .transform((url) => url.trim())
    .pipe(z.union([z.literal(""), webhookUrlSchema]))
    .transform((url) => url || null),
  slackText: z.boolean({ error: "Must be true or false." }),
  successRateThreshold: z.coerce
    .number({ error: "A whole percent from 1 to 100." })
    .int("A whole percent from 1 to 100.")
    .min(1, "A whole percent from 1 to 100.")
    .max(100, "A whole percent from 1 to 100."),
});
export type AlertSettingsInput = z.input<typeof alertSettingsInputSchema>;

/** What the dashboard shows: everything but the webhook's secret. */
export type AlertSettingsView = {
  emails: string[];
  webhookUrl: string | null;
  slackText: boolean;
  successRateThreshold: number;
  /** Whether email can be sent at all (HOOKLINE_SMTP_URL and HOOKLINE_SMTP_FROM set). */
  smtpConfigured: boolean;
  saved: boolean;
};

export type AlertSettingsRow = {
  organizationId: string;
  emails: string[];
  webhookUrl: string | null;
  webhookSecret: string;
  slackText: boolean;
  successRateThreshold: number;
};

function toRow(row: {
  organizationId: string;
  emails: unknown;
  webhookUrl: string | null;
  webhookSecret: string;
  slackText: boolean;
  successRateThreshold: number;
}): AlertSettingsRow {
  return { ...row, emails: Array.isArray(row.emails) ? (row.emails as string[]) : [] };
}

/** The organization's settings with the secret (server only: sending), or null when never saved. */
export async function loadAlertSettings(organizationId: string, db: Db = getDb()): Promise<AlertSettingsRow | null> {
  const row = await db.alertSettings.findUnique({ where: { organizationId } });
  return row ? toRow(row) : null;
}

export async function getAlertSettings(organizationId: string): Promise<AlertSettingsView> {
  const row = await loadAlertSettings(organizationId);
  return {
    emails: row?.emails ?? [],
    webhookUrl: row?.webhookUrl ?? null,
    slackText: row?.slackText ?? false,
    successRateThreshold: row?.successRateThreshold ?? DEFAULT_SUCCESS_RATE_THRESHOLD,
    smtpConfigured: config().smtp !== null,
    saved: row !== null,
  };
}

/** Validates and saves the settings (the webhook secret is made on the first save and kept). */
export async function saveAlertSettings(
  input: AlertSettingsInput | unknown,
  organizationId: string,
): Promise<AlertSettingsView> {
  return storeAlertSettings(parseInput(alertSettingsInputSchema, input), organizationId);
}

/** Saves settings already parsed with `alertSettingsInputSchema` (the server action parses first). */
export async function storeAlertSettings(
  data: z.output<typeof alertSettingsInputSchema>,
  organizationId: string,
): Promise<AlertSettingsView> {
  if (data.webhookUrl) {
    try {
      await assertPublicUrl(data.webhookUrl);
    } catch (error) {
      if (error instanceof AppError) {
        throw new AppError(AppErrorCode.InvalidInput, error.message, { fieldErrors: { webhookUrl: [error.message] } });
      }
      throw error;
    }
  }
  const values = {
    emails: data.emails,
    webhookUrl: data.webhookUrl,
    slackText: data.slackText,
    successRateThreshold: data.successRateThreshold,
  };
  await getDb().alertSettings.upsert({
    where: { organizationId },
    create: { organizationId, ...values, webhookSecret: generateStandardSecret() },
    update: values,
  });
  return getAlertSettings(organizationId);
}

/** "Reveal": the alert webhook's signing secret, for an admin who asked. */
export async function revealAlertSecret(organizationId: string): Promise<{ secret: string }> {
  const row = await loadAlertSettings(organizationId);
  if (!row) throw new AppError(AppErrorCode.NotFound, "Save the alert settings first: the secret is made then.");
  return { secret: row.webhookSecret };
}
