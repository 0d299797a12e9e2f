import nodemailer from "nodemailer";
import { config } from "@/lib/config";
import { logger } from "@/lib/observability/logger";
import { postWebhook } from "@/lib/webhooks/http";
import { signatureHeaders } from "@/lib/webhooks/signing";
import type { AlertSettingsRow } from "./settings";

/**
 * Sends one alert where its organization's settings say: an email through HOOKLINE_SMTP_URL (nodemailer) and/or
 * a POST to the alert webhook, signed with Standard Webhooks (`webhook-id` is the alert's id) like any delivery,
 * with Slack's `text` when asked. One try each; what happened is recorded on the alert ("sent", "failed: …").
 */

export type AlertMessage = {
  id: string;
  organizationId: string;
  kind: string;
  endpointId: string | null;
  title: string;
  message: string;
  details: Record<string, unknown>;
  createdAt: Date;
};

export type SendResults = { emailResult: string | null; webhookResult: string | null };

const ALERT_TIMEOUT_MS = 10_000;

/** The alert webhook's body: the alert, and Slack's `text` when the settings ask for it. */
export function alertBody(alert: AlertMessage, slackText: boolean): string {
  return JSON.stringify({
    type: `alert.${alert.kind}`,
    alert: {
      id: alert.id,
      kind: alert.kind,
      organization_id: alert.organizationId,
      endpoint_id: alert.endpointId,
      title: alert.title,
      message: alert.message,
      details: alert.details,
      created_at: alert.createdAt.toISOString(),
    },
    ...(slackText ? { text: `*${alert.title}*\n${alert.message}` } : {}),
  });
}

async function sendEmail(alert: AlertMessage, to: string[]): Promise<string | null> {
  const smtp = config().smtp;
  if (!to.length) return null;
  if (!smtp) return "failed: email is not configured (HOOKLINE_SMTP_URL and HOOKLINE_SMTP_FROM)";
  try {
    const transport = nodemailer.createTransport(smtp.url, {
      connectionTimeout: ALERT_TIMEOUT_MS,
      greetingTimeout: ALERT_TIMEOUT_MS,
      socketTimeout: ALERT_TIMEOUT_MS,
    });
    await transport.sendMail({
      from: smtp.from,
      to,
      subject: `[Hookline] ${alert.title}`,
      text: `${alert.message}\n\n${Object.entries(alert.details)
        .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
        .join("\n")}\n`,
    });
    transport.close();
    return "sent";
  } catch (error) {
    return `failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
  }
}

async function sendWebhook(alert: AlertMessage, settings: AlertSettingsRow): Promise<string | null> {
  if (!settings.webhookUrl) return null;
  const body = alertBody(alert, settings.slackText);
  const headers = await signatureHeaders({
    algo: "standard",
    body,
    webhookId: alert.id,
    secret: settings.webhookSecret,
    now: new Date(),
  });
  const result = await postWebhook({ url: settings.webhookUrl, body, headers, timeoutMs: ALERT_TIMEOUT_MS });
  if (result.ok) return "sent";
  return `failed: ${result.error ?? `HTTP ${result.status}`}`.slice(0, 500);
}

/** Sends to both channels at once; never throws. */
export async function sendAlert(alert: AlertMessage, settings: AlertSettingsRow | null): Promise<SendResults> {
  if (!settings) return { emailResult: null, webhookResult: null };
  const [emailResult, webhookResult] = await Promise.all([
    sendEmail(alert, settings.emails),
    sendWebhook(alert, settings).catch((error: unknown) => `failed: ${String(error)}`.slice(0, 500)),
  ]);
  const log = logger();
  const ids = {
    alertId: alert.id,
    kind: alert.kind,
    organizationId: alert.organizationId,
    endpointId: alert.endpointId,
  };
  if (emailResult?.startsWith("failed") || webhookResult?.startsWith("failed"))
    log.warn({ ...ids, email: emailResult, webhook: webhookResult }, "alert not sent everywhere");
  else log.info({ ...ids, email: emailResult, webhook: webhookResult }, "alert sent");
  return { emailResult, webhookResult };
}
