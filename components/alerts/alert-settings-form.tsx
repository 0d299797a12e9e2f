"use client";

import { useState } from "react";
import { useAction } from "@/components/hooks/use-action";
import { useOrganization } from "@/components/layout/organization";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";
import { revealAlertSecretAction } from "@/lib/actions/reveal-alert-secret";
import { saveAlertSettingsAction } from "@/lib/actions/save-alert-settings";
import type { AlertSettingsView } from "@/lib/alerts/settings";

/**
 * Where alerts go: email addresses, the alert webhook (with its signing secret on request), the threshold.
 * A viewer reads the settings: the fields are read-only and Save and Reveal are not shown (the server refuses both).
 */
export function AlertSettingsForm({ settings }: { settings: AlertSettingsView }) {
  const { canEdit } = useOrganization();
  const saving = useAction(saveAlertSettingsAction, { success: "Alert settings saved" });
  const [secret, setSecret] = useState<string | null>(null);
  const reveal = useAction(revealAlertSecretAction, {
    refresh: false,
    errors: "toast",
    onSuccess: (data) => setSecret(data.secret),
  });
  const { error, fieldErrors, pending } = saving;

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!canEdit) return;
    const form = new FormData(event.currentTarget);
    saving.run({
      emails: String(form.get("emails") ?? ""),
      webhookUrl: String(form.get("webhookUrl") ?? ""),
      slackText: form.get("slackText") === "on",
      successRateThreshold: Number(form.get("successRateThreshold") ?? ""),
    });
  }

  function onReveal() {
    reveal.run({});
  }

  return (
    <section aria-labelledby="alert-settings-heading" className="rounded-xl p-6 ring-1 ring-slate-200">
      <h2 id="alert-settings-heading" className="text-base font-semibold text-slate-900">
        Where alerts go
      </h2>
      <p className="mt-1 text-sm text-slate-500">
        Hookline alerts when an endpoint is disabled automatically, fails for 30 minutes or falls below your success
        rate, recovers, and when no worker has delivered due webhooks for 5 minutes: once per incident.
      </p>
      <form onSubmit={onSubmit} className="mt-5 max-w-2xl space-y-4" noValidate>
        <FormError message={error} />
        <TextField
          label="Email addresses"
          name="emails"
          defaultValue={settings.emails.join(", ")}
          placeholder="ops@example.com, oncall@example.com"
          hint={
            settings.smtpConfigured
              ? "Comma-separated, at most 10."
              : "Comma-separated, at most 10. Email needs HOOKLINE_SMTP_URL and HOOKLINE_SMTP_FROM on the server."
          }
          error={fieldErrors.emails?.[0]}
          readOnly={!canEdit}
        />
        <TextField
          label="Alert webhook URL"
          name="webhookUrl"
          type="url"
          inputMode="url"
          defaultValue={settings.webhookUrl ?? ""}
          placeholder="Optional: https://hooks.slack.com/services/…"
          hint="Signed with Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)."
          error={fieldErrors.webhookUrl?.[0]}
          readOnly={!canEdit}
        />
        <label className="flex items-start gap-2.5 text-sm text-slate-700">
          <input
            type="checkbox"
            name="slackText"
            defaultChecked={settings.slackText}
            disabled={!canEdit}
            className="mt-0.5 size-4 rounded accent-brand-600"
          />
          <span>
            <span className="font-medium text-slate-900">Slack-compatible</span>
            <span className="block text-xs text-slate-500">
              Adds a <code>text</code> field, so a Slack incoming webhook shows it.
            </span>
          </span>
        </label>
        <TextField
          label="Success rate threshold (%)"
          name="successRateThreshold"
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          defaultValue={settings.successRateThreshold}
          className="max-w-xs"
          hint="An endpoint below this over 30 minutes (10 attempts or more) is failing."
          error={fieldErrors.successRateThreshold?.[0]}
          readOnly={!canEdit}
        />
        {canEdit ? (
          <div className="flex flex-wrap items-center gap-3 pt-1">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save"}
            </Button>
            {settings.saved && (
              <Button variant="secondary" onClick={onReveal} disabled={reveal.pending}>
                {secret ? "Secret shown below" : "Reveal webhook signing secret"}
              </Button>
            )}
          </div>
        ) : (
          <p className="text-sm text-slate-500">Only an admin of this organization can change these settings.</p>
        )}
        {secret && (
          <p className="break-all rounded-lg bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800 ring-1 ring-slate-200">
            {secret}
          </p>
        )}
      </form>
    </section>
  );
}
