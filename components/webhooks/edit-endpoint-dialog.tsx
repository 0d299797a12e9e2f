"use client";

import { useState } from "react";
import { useAction } from "@/components/hooks/use-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError, TextField } from "@/components/ui/field";
import { AlertIcon } from "@/components/ui/icons";
import { updateEndpointAction } from "@/lib/actions/update-endpoint";
import type { SignatureAlgo } from "@/lib/webhooks/signing";
import { EventTypePicker } from "./event-type-picker";
import { SignatureChoice } from "./signature-choice";
import { SIGNATURE_LABELS } from "./signature-label";

export type EditableEndpoint = {
  id: string;
  url: string;
  name: string | null;
  signatureAlgo: SignatureAlgo;
  eventTypes: string[] | null;
  sendTraceparent: boolean;
};

/** What a change of signature means for the receiver (mirrors updateEndpoint: who gets a new secret). */
function signatureChangeNote(from: SignatureAlgo, to: SignatureAlgo): string | null {
  if (from === to) return null;
  const verify = `Your receiver must verify ${SIGNATURE_LABELS[to]} signatures from the next delivery on`;
  if (to === "standard" || from === "standard")
    return `${verify}, with a new secret generated on save (reveal it under Signing secret).`;
  if (to === "hmac") return `${verify}, with this endpoint's signing secret (reveal it under Signing secret).`;
  return `${verify}, with the installation's public key.`;
}

/** "Edit": URL, name, signature and event types, each with its error. */
export function EditEndpointDialog({
  endpoint,
  eventTypes,
  open,
  onClose,
}: {
  endpoint: EditableEndpoint;
  eventTypes: string[];
  open: boolean;
  onClose: () => void;
}) {
  const [algo, setAlgo] = useState<SignatureAlgo>(endpoint.signatureAlgo);
  const [types, setTypes] = useState<string[] | null>(endpoint.eventTypes);
  const saving = useAction(updateEndpointAction, { success: "Endpoint saved", onSuccess: () => onClose() });
  const { error, fieldErrors, pending } = saving;
  const note = signatureChangeNote(endpoint.signatureAlgo, algo);

  function close() {
    saving.reset();
    setAlgo(endpoint.signatureAlgo);
    setTypes(endpoint.eventTypes);
    onClose();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    saving.run({
      endpointId: endpoint.id,
      url: String(form.get("url") ?? ""),
      name: String(form.get("name") ?? ""),
      signatureAlgo: algo,
      eventTypes: types,
      sendTraceparent: form.get("sendTraceparent") === "on",
    });
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      wide
      title="Edit endpoint"
      description="Changes apply to the next delivery; events already sent keep their log."
    >
      <form onSubmit={onSubmit} className="space-y-5" noValidate>
        <FormError message={error} />
        <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
          <TextField
            label="Webhook URL"
            name="url"
            type="url"
            inputMode="url"
            defaultValue={endpoint.url}
            required
            autoFocus
            error={fieldErrors.url?.[0]}
          />
          <TextField
            label="Name"
            name="name"
            defaultValue={endpoint.name ?? ""}
            placeholder="Optional"
            maxLength={100}
            error={fieldErrors.name?.[0]}
          />
        </div>
        <SignatureChoice
          value={algo}
          onChange={setAlgo}
          note={
            note && (
              <p className="flex gap-2 rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-200 ring-inset">
                <AlertIcon className="mt-px size-3.5 shrink-0 text-amber-600" />
                {note}
              </p>
            )
          }
        />
        <EventTypePicker catalogue={eventTypes} value={types} onChange={setTypes} error={fieldErrors.eventTypes?.[0]} />
        <div>
          <label className="flex items-start gap-2.5 text-sm text-slate-700">
            <input
              type="checkbox"
              name="sendTraceparent"
              defaultChecked={endpoint.sendTraceparent}
              className="mt-0.5 size-4 rounded accent-brand-600"
              aria-describedby="send-traceparent-help"
            />
            <span>
              <span className="font-medium text-slate-900">Send trace context</span>
              <span id="send-traceparent-help" className="block text-xs text-slate-500">
                Deliveries carry a W3C <code>traceparent</code> header when this installation exports traces, so the
                receiver&apos;s trace joins the event&apos;s.
              </span>
            </span>
          </label>
          {fieldErrors.sendTraceparent?.[0] && (
            <p className="mt-1 text-xs text-red-600">{fieldErrors.sendTraceparent[0]}</p>
          )}
        </div>
        <div className="flex justify-end gap-2 pt-1">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save changes"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
