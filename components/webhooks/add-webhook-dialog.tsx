"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { addWebhookAction } from "@/app/(dashboard)/developers/webhooks/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError, TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { SignatureAlgo } from "@/lib/webhooks/signing";
import { SIGNATURE_HINTS, SIGNATURE_LABELS } from "./signature-label";

const CHOICES: SignatureAlgo[] = ["jwt", "hmac"];

/** The guide's steps 3 to 6: "Add a webhook", the URL, JWT or HMAC, then "Add webhook". */
export function AddWebhookDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const router = useRouter();
  const toast = useToast();
  const [algo, setAlgo] = useState<SignatureAlgo>("jwt");
  const [error, setError] = useState<string | null>(null);
  const [urlError, setUrlError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();

  function close() {
    setError(null);
    setUrlError(undefined);
    setAlgo("jwt");
    onClose();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await addWebhookAction({ url: String(form.get("url") ?? ""), signatureAlgo: algo });
      if (!result.ok) {
        setError(result.error);
        setUrlError(result.fieldErrors?.url?.[0]);
        return;
      }
      toast.success(`Webhook endpoint added: ${result.data.url}`);
      close();
      router.refresh();
    });
  }

  return (
    <Dialog open={open} onClose={close} title="Add a webhook" description="Hookline will send a signed POST request to this URL for every event.">
      <form onSubmit={onSubmit} className="space-y-5" noValidate>
        <FormError message={error} />
        <TextField
          label="Webhook URL"
          name="url"
          type="url"
          inputMode="url"
          placeholder="https://example.com/webhooks"
          required
          autoFocus
          error={urlError}
        />
        <fieldset>
          <legend className="mb-1.5 text-sm font-medium text-slate-800">Webhook signature</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {CHOICES.map((choice) => (
              <label
                key={choice}
                className={`flex cursor-pointer gap-3 rounded-xl p-3 ring-1 ring-inset transition ${
                  algo === choice ? "bg-brand-50/60 ring-2 ring-brand-500" : "ring-slate-200 hover:ring-slate-300"
                }`}
              >
                <input
                  type="radio"
                  name="signatureAlgo"
                  value={choice}
                  checked={algo === choice}
                  onChange={() => setAlgo(choice)}
                  className="mt-0.5 accent-brand-600"
                />
                <span>
                  <span className="block text-sm font-medium text-slate-900">{SIGNATURE_LABELS[choice]}</span>
                  <span className="mt-0.5 block text-xs text-slate-500">{SIGNATURE_HINTS[choice]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex justify-end gap-2 pt-1">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Adding…" : "Add webhook"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
