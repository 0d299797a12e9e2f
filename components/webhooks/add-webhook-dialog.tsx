"use client";

import { useEffect, useRef, useState } from "react";
import { useAction } from "@/components/hooks/use-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError, TextField } from "@/components/ui/field";
import { createEndpointAction } from "@/lib/actions/create-endpoint";
import type { SignatureAlgo } from "@/lib/webhooks/signing";
import { EventTypePicker } from "./event-type-picker";
import { SignatureChoice } from "./signature-choice";

/** The guide's steps 3 to 6: "Add a webhook", the URL, the signature, then "Add webhook". A name and event types are optional (all types by default). */
export function AddWebhookDialog({
  open,
  onClose,
  eventTypes,
}: {
  open: boolean;
  onClose: () => void;
  eventTypes: string[];
}) {
  const [algo, setAlgo] = useState<SignatureAlgo>("jwt");
  const [types, setTypes] = useState<string[] | null>(null);
  const adding = useAction(createEndpointAction, {
    success: (endpoint) => `Webhook endpoint added: ${endpoint.url}`,
    onSuccess: () => close(),
  });
  const { error, fieldErrors, pending } = adding;
  const formRef = useRef<HTMLFormElement>(null);

  // showModal() focuses the first control (the close button): the operator came to type a URL.
  useEffect(() => {
    if (!open) return;
    const frame = requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLInputElement>('input[name="url"]')?.focus(),
    );
    return () => cancelAnimationFrame(frame);
  }, [open]);

  function close() {
    adding.reset();
    setAlgo("jwt");
    setTypes(null);
    onClose();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    adding.run({
      url: String(form.get("url") ?? ""),
      name: String(form.get("name") ?? ""),
      signatureAlgo: algo,
      eventTypes: types,
    });
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      wide
      title="Add a webhook"
      description="Hookline will send a signed POST request to this URL for every event."
    >
      <form ref={formRef} onSubmit={onSubmit} className="space-y-5" noValidate>
        <FormError message={error} />
        <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
          <TextField
            label="Webhook URL"
            name="url"
            type="url"
            inputMode="url"
            placeholder="https://example.com/webhooks"
            required
            autoFocus
            error={fieldErrors.url?.[0]}
          />
          <TextField
            label="Name"
            name="name"
            placeholder="Optional, e.g. Billing"
            maxLength={100}
            autoComplete="off"
            error={fieldErrors.name?.[0]}
          />
        </div>
        <SignatureChoice value={algo} onChange={setAlgo} />
        <EventTypePicker catalogue={eventTypes} value={types} onChange={setTypes} error={fieldErrors.eventTypes?.[0]} />
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
