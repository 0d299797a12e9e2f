"use client";

import { useId, useMemo, useState } from "react";
import { useAction } from "@/components/hooks/use-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError, inputClass } from "@/components/ui/field";
import { SendIcon } from "@/components/ui/icons";
import { sendTestEventAction } from "@/lib/actions/send-test-event";
import type { LagoWebhookType } from "@/lib/webhooks/event-types";
import { groupByNoun } from "./group-by-noun";

const DEFAULT_TYPE = "invoice.created";

export function SendTestEventDialogButton({ endpointId, types }: { endpointId: string; types: LagoWebhookType[] }) {
  const selectId = useId();
  const [open, setOpen] = useState(false);
  const [type, setType] = useState<LagoWebhookType>(types.includes(DEFAULT_TYPE) ? DEFAULT_TYPE : types[0]);
  const sending = useAction(sendTestEventAction, {
    success: (_, input) => `Test event sent: ${input.webhookType}`,
    onSuccess: () => close(),
  });
  const { error, pending } = sending;
  const groups = useMemo(() => groupByNoun(types), [types]);

  function close() {
    sending.reset();
    setOpen(false);
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    sending.run({ endpointId, webhookType: type });
  }

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <SendIcon />
        Send test event
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title="Send test event"
        description="A realistic sample of the chosen type, signed and sent to this endpoint only."
      >
        <form onSubmit={onSubmit} className="space-y-5">
          <FormError message={error} />
          <div>
            <label htmlFor={selectId} className="mb-1.5 block text-sm font-medium text-slate-800">
              Event type
            </label>
            <select
              id={selectId}
              value={type}
              onChange={(event) => setType(event.target.value as LagoWebhookType)}
              className={inputClass}
            >
              {groups.map(([noun, nounTypes]) => (
                <optgroup key={noun} label={noun}>
                  {nounTypes.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className="flex justify-end gap-2 pt-1">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Sending…" : "Send test event"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
