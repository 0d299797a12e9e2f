// Server-only: a realistic sample object per Lago object type, for "Send test event" (kept out of the browser's bundle).
import { randomUUID } from "node:crypto";
import { objectTypeFor } from "./event-types";

const CUSTOMER_ID = "99a6094e-199b-4101-896a-54e927ce7bd7";
const SUBSCRIPTION_ID = "3cd0e5bd-4c93-4e0e-b7b6-8f0e0e7b1a2c";
const INVOICE_ID = "4b1e2d3c-5a6f-4b7c-8d9e-0f1a2b3c4d5e";
const WALLET_ID = "b7ab2926-1de8-4428-9bcd-779314ac129b";
const PLAN_ID = "5d9b1c2a-3e4f-4a5b-9c6d-7e8f9a0b1c2d";
const AT = "2026-01-15T10:00:00Z";

const customer = {
  lago_id: CUSTOMER_ID,
  external_id: "cus_5678",
  name: "Acme Inc.",
  email: "billing@acme.example",
  currency: "EUR",
  country: "FR",
  address_line1: "5 Rue de la Paix",
  city: "Paris",
  zipcode: "75002",
  timezone: "Europe/Paris",
  billing_configuration: { invoice_grace_period: 3, payment_provider: "stripe", provider_customer_id: "cus_Q1w2E3r4" },
  created_at: AT,
  updated_at: AT,
};

const fee = {
  lago_id: "6b0c3f0e-8d1a-4f2b-9c3d-4e5f6a7b8c9d",
  lago_charge_id: "7c1d4a1f-9e2b-4a3c-8d4e-5f6a7b8c9d0e",
  lago_invoice_id: INVOICE_ID,
  lago_subscription_id: SUBSCRIPTION_ID,
  external_subscription_id: "sub_1234",
  item: { type: "charge", code: "api_calls", name: "API calls", invoice_display_name: "API calls" },
  amount_cents: 12000,
  amount_currency: "EUR",
  taxes_amount_cents: 2400,
  taxes_rate: 20,
  total_amount_cents: 14400,
  units: "12000.0",
  events_count: 12000,
  payment_status: "pending",
  from_date: "2026-01-01T00:00:00Z",
  to_date: "2026-01-31T23:59:59Z",
  created_at: AT,
};

const invoice = {
  lago_id: INVOICE_ID,
  billing_entity_code: "acme_eu",
  sequential_id: 42,
  number: "ACM-2026-0042",
  issuing_date: "2026-01-15",
  payment_due_date: "2026-01-30",
  net_payment_term: 15,
  invoice_type: "subscription",
  status: "finalized",
  payment_status: "pending",
  payment_overdue: false,
  currency: "EUR",
  fees_amount_cents: 22000,
  coupons_amount_cents: 0,
  credit_notes_amount_cents: 0,
  sub_total_excluding_taxes_amount_cents: 22000,
  taxes_amount_cents: 4400,
  sub_total_including_taxes_amount_cents: 26400,
  prepaid_credit_amount_cents: 0,
  total_amount_cents: 26400,
  file_url: "https://lago.example/invoices/ACM-2026-0042.pdf",
  customer,
  subscriptions: [{ lago_id: SUBSCRIPTION_ID, external_id: "sub_1234", plan_code: "startup", status: "active" }],
  fees: [fee],
  created_at: AT,
  updated_at: AT,
};

const subscription = {
  lago_id: SUBSCRIPTION_ID,
  external_id: "sub_1234",
  lago_customer_id: CUSTOMER_ID,
  external_customer_id: "cus_5678",
  name: "Startup plan",
  plan_code: "startup",
  status: "active",
  billing_time: "calendar",
  subscription_at: "2026-01-01T00:00:00Z",
  started_at: "2026-01-01T00:00:00Z",
  trial_ended_at: null,
  ending_at: null,
  terminated_at: null,
  canceled_at: null,
  created_at: AT,
};

const plan = {
  lago_id: PLAN_ID,
  name: "Startup",
  invoice_display_name: "Startup plan",
  code: "startup",
  interval: "monthly",
  description: "For small teams",
  amount_cents: 10000,
  amount_currency: "EUR",
  trial_period: 14,
  pay_in_advance: true,
  bill_charges_monthly: null,
  active_subscriptions_count: 12,
  draft_invoices_count: 0,
  charges: [
    {
      lago_id: "7c1d4a1f-9e2b-4a3c-8d4e-5f6a7b8c9d0e",
      billable_metric_code: "api_calls",
      charge_model: "standard",
      properties: { amount: "0.01" },
    },
  ],
  created_at: AT,
};

const wallet = {
  lago_id: WALLET_ID,
  lago_customer_id: CUSTOMER_ID,
  external_customer_id: "cus_5678",
  status: "active",
  currency: "EUR",
  name: "Prepaid credits",
  rate_amount: "1.0",
  credits_balance: "0.0",
  balance_cents: 0,
  consumed_credits: "100.0",
  ongoing_balance_cents: 0,
  ongoing_usage_balance_cents: 10000,
  credits_ongoing_balance: "0.0",
  created_at: AT,
  expiration_at: null,
  last_balance_sync_at: AT,
  last_consumed_credit_at: AT,
  terminated_at: null,
};

const walletTransaction = {
  lago_id: "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f",
  lago_wallet_id: WALLET_ID,
  status: "settled",
  transaction_status: "purchased",
  transaction_type: "inbound",
  amount: "100.0",
  credit_amount: "100.0",
  settled_at: AT,
  created_at: AT,
};

const creditNote = {
  lago_id: "d2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a",
  sequential_id: 1,
  number: "ACM-2026-0042-CN1",
  lago_invoice_id: INVOICE_ID,
  invoice_number: "ACM-2026-0042",
  issuing_date: "2026-01-20",
  credit_status: "available",
  refund_status: null,
  reason: "order_change",
  currency: "EUR",
  total_amount_cents: 2400,
  credit_amount_cents: 2400,
  balance_amount_cents: 2400,
  refund_amount_cents: 0,
  taxes_amount_cents: 400,
  file_url: null,
  created_at: AT,
  updated_at: AT,
};

const payment = {
  lago_id: "e3f4a5b6-c7d8-4e9f-0a1b-2c3d4e5f6a7b",
  lago_customer_id: CUSTOMER_ID,
  external_customer_id: "cus_5678",
  invoice_ids: [INVOICE_ID],
  lago_payable_id: INVOICE_ID,
  payable_type: "Invoice",
  amount_cents: 26400,
  amount_currency: "EUR",
  status: "succeeded",
  payment_status: "succeeded",
  type: "provider",
  reference: null,
  payment_provider_code: "stripe",
  payment_provider_type: "stripe",
  external_payment_id: "pi_3Q1w2E3r4T5y",
  created_at: AT,
};

const paymentRequest = {
  lago_id: "f4a5b6c7-d8e9-4f0a-1b2c-3d4e5f6a7b8c",
  email: "billing@acme.example",
  amount_cents: 26400,
  amount_currency: "EUR",
  payment_status: "pending",
  customer,
  invoices: [{ lago_id: INVOICE_ID, number: "ACM-2026-0042", total_amount_cents: 26400 }],
  created_at: AT,
};

const billableMetric = {
  lago_id: "a5b6c7d8-e9f0-4a1b-2c3d-4e5f6a7b8c9d",
  name: "API calls",
  code: "api_calls",
  description: "Calls to the public API",
  aggregation_type: "count_agg",
  field_name: null,
  recurring: false,
  filters: [],
  created_at: AT,
};

const triggeredAlert = {
  lago_id: "b6c7d8e9-f0a1-4b2c-3d4e-5f6a7b8c9d0e",
  lago_alert_id: "c7d8e9f0-a1b2-4c3d-4e5f-6a7b8c9d0e1f",
  lago_subscription_id: SUBSCRIPTION_ID,
  external_subscription_id: "sub_1234",
  external_customer_id: "cus_5678",
  billable_metric_code: "api_calls",
  alert_name: "Usage above 10,000 calls",
  alert_code: "usage_10k",
  alert_type: "billable_metric_current_usage_units",
  current_value: "12000.0",
  previous_value: "9000.0",
  crossed_thresholds: [{ code: "warn", value: "10000.0", recurring: false }],
  triggered_at: AT,
};

const providerError = (extra: Record<string, unknown>) => ({
  lago_customer_id: CUSTOMER_ID,
  external_customer_id: "cus_5678",
  payment_provider: "stripe",
  payment_provider_code: "stripe_eu",
  provider_error: { message: "Your card was declined.", error_code: "card_declined" },
  ...extra,
});

/** A realistic sample object per object type, for "Send test event". */
export const SAMPLE_OBJECTS: Record<string, Record<string, unknown>> = {
  invoice,
  customer,
  subscription,
  credit_note: creditNote,
  wallet,
  wallet_transaction: walletTransaction,
  payment,
  payment_request: paymentRequest,
  fee,
  plan,
  billable_metric: billableMetric,
  triggered_alert: triggeredAlert,
  events_errors: {
    invalid_code: ["evt_2f1c8a", "evt_9b3d4e"],
    missing_aggregation_property: ["evt_7a6b5c"],
    missing_group_key: [],
  },
  payment_provider_customer_error: providerError({ action: "payment_provider.create_customer" }),
  payment_provider_invoice_payment_error: providerError({ lago_invoice_id: INVOICE_ID }),
  payment_provider_payment_request_payment_error: providerError({ lago_payment_request_id: paymentRequest.lago_id }),
  payment_provider_wallet_transaction_payment_error: providerError({
    lago_wallet_transaction_id: walletTransaction.lago_id,
  }),
  credit_note_payment_provider_refund_error: providerError({ lago_credit_note_id: creditNote.lago_id }),
  tax_provider_fee_error: {
    lago_charge_id: fee.lago_charge_id,
    event_transaction_id: "evt_2f1c8a",
    tax_provider_code: "anrok",
    provider_error: { message: "Address could not be validated", error_code: "validationError" },
  },
  payment_dispute_lost: { lago_invoice_id: INVOICE_ID, external_customer_id: "cus_5678", provider_error: "fraudulent" },
};

/** A sample event of a type: the catalogue's sample with a fresh id, so each test event is told apart. */
export function sampleEvent(webhookType: string): {
  webhook_type: string;
  object_type: string;
  object: Record<string, unknown>;
} {
  const objectType = objectTypeFor(webhookType);
  const base = SAMPLE_OBJECTS[objectType] ?? { lago_id: "", name: `Sample ${objectType}`, created_at: AT };
  const object: Record<string, unknown> = structuredClone(base);
  if ("lago_id" in object) object.lago_id = randomUUID();
  if (webhookType === "invoice.voided") object.status = "voided";
  if (webhookType === "invoice.drafted") object.status = "draft";
  if (webhookType === "subscription.terminated") object.status = "terminated";
  return { webhook_type: webhookType, object_type: objectType, object };
}
