// The event-type catalogue, safe in the browser too; the sample objects for "Send test event" are server-only
// (event-samples.ts).
import { z } from "zod";

/** Lago's webhook types: the catalogue the dashboard offers. Custom `noun.verb` types are accepted too. */
export const LAGO_WEBHOOK_TYPES = [
  "alert.triggered",
  "billable_metric.created",
  "billable_metric.updated",
  "billable_metric.deleted",
  "credit_note.created",
  "credit_note.generated",
  "credit_note.provider_refund_failure",
  "customer.created",
  "customer.updated",
  "customer.payment_provider_created",
  "customer.payment_provider_error",
  "customer.checkout_url_generated",
  "customer.vies_check",
  "events.errors",
  "fee.created",
  "fee.tax_provider_error",
  "invoice.created",
  "invoice.generated",
  "invoice.drafted",
  "invoice.voided",
  "invoice.one_off_created",
  "invoice.paid_credit_added",
  "invoice.payment_status_updated",
  "invoice.payment_failure",
  "invoice.payment_overdue",
  "invoice.payment_dispute_lost",
  "payment.succeeded",
  "payment.requires_action",
  "payment_request.created",
  "payment_request.payment_failure",
  "payment_request.payment_status_updated",
  "plan.created",
  "plan.updated",
  "plan.deleted",
  "subscription.started",
  "subscription.updated",
  "subscription.terminated",
  "subscription.termination_alert",
  "subscription.trial_ended",
  "subscription.usage_threshold_reached",
  "wallet.created",
  "wallet.updated",
  "wallet.terminated",
  "wallet.depleted_ongoing_balance",
  "wallet_transaction.created",
  "wallet_transaction.updated",
  "wallet_transaction.payment_failure",
] as const;

export type LagoWebhookType = (typeof LAGO_WEBHOOK_TYPES)[number];

/** The one shape of a type name: `noun.verb`, lower case, dot-separated; Lago's or the application's own. */
export const WEBHOOK_TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** A webhook type as the events API takes it. */
export const webhookTypeSchema = z
  .string()
  .max(100, "A webhook type is at most 100 characters.")
  .regex(WEBHOOK_TYPE_PATTERN, 'A webhook type looks like "noun.verb", e.g. "invoice.created".');

// Where Lago's object_type is not simply the noun of the type.
const OBJECT_TYPE_OVERRIDES: Record<string, string> = {
  "alert.triggered": "triggered_alert",
  "credit_note.provider_refund_failure": "credit_note_payment_provider_refund_error",
  "customer.payment_provider_error": "payment_provider_customer_error",
  "events.errors": "events_errors",
  "fee.tax_provider_error": "tax_provider_fee_error",
  "invoice.payment_failure": "payment_provider_invoice_payment_error",
  "invoice.payment_dispute_lost": "payment_dispute_lost",
  "payment_request.payment_failure": "payment_provider_payment_request_payment_error",
  "wallet_transaction.payment_failure": "payment_provider_wallet_transaction_payment_error",
};

/** The object_type Lago sends with a webhook type (the noun, unless Lago names it otherwise). */
export function objectTypeFor(webhookType: string): string {
  return OBJECT_TYPE_OVERRIDES[webhookType] ?? webhookType.split(".")[0];
}
