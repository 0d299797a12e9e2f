"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { addWebhookAction } from "@/app/(dashboard)/developers/webhooks/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError, TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { SignatureAlgo } from "@/lib/webhooks/signing";
import { EventTypePicker } from "./event-type-picker";
import { SignatureChoice } from "./signature-choice";

/** The guide's steps 3 to 6: "Add a webhook", the URL, the signature, then "Add webhook". Event types are optional (all by default). */
export function AddWebhookDialog({ open, onClose, eventTypes }: { open: boolean; onClose: () => void; eventTypes: string[] }) {
  const router = useRouter();
  const toast = useToast();
  const [algo, setAlgo] = useState<SignatureAlgo>("jwt");
  const [types, setTypes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);

  // showModal() focuses the first control (the close button): the operator came to type a URL.
  useEffect(() => {
    if (!open) return;
    const frame = requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>('input[name="url"]')?.focus());
    return () => cancelAnimationFrame(frame);
  }, [open]);

  function close() {
    setError(null);
    setFieldErrors({});
    setAlgo("jwt");
    setTypes(null);
    onClose();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await addWebhookAction({ url: String(form.get("url") ?? ""), signatureAlgo: algo, eventTypes: types });
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      toast.success(`Webhook endpoint added: ${result.data.url}`);
      close();
      router.refresh();
    });
  }

  return (
    <Dialog open={open} onClose={close} wide title="Add a webhook" description="Hookline will send a signed POST request to this URL for every event.">
      <form ref={formRef} onSubmit={onSubmit} className="space-y-5" noValidate>
        <FormError message={error} />
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
