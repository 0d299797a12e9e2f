"use client";

import { useRouter } from "next/navigation";
import { useId, useMemo, useState, useTransition } from "react";
import { sendTestEventAction } from "@/app/(dashboard)/developers/webhooks/[endpointId]/test-event-actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError, inputClass } from "@/components/ui/field";
import { SendIcon } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toast";
import { groupByNoun } from "./group-by-noun";

const DEFAULT_TYPE = "invoice.created";

export function SendTestEventDialogButton({ endpointId, types }: { endpointId: string; types: string[] }) {
  const router = useRouter();
  const toast = useToast();
  const selectId = useId();
  const [open, setOpen] = useState(false);
  const [type, setType] = useState(types.includes(DEFAULT_TYPE) ? DEFAULT_TYPE : types[0]);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const groups = useMemo(() => groupByNoun(types), [types]);

  function close() {
    setError(null);
    setOpen(false);
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await sendTestEventAction(endpointId, type);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      toast.success(`Test event sent: ${type}`);
      close();
      router.refresh();
    });
  }

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <SendIcon />
        Send test event
      </Button>
      <Dialog open={open} onClose={close} title="Send test event" description="A realistic sample of the chosen type, signed and sent to this endpoint only.">
        <form onSubmit={onSubmit} className="space-y-5">
          <FormError message={error} />
          <div>
            <label htmlFor={selectId} className="mb-1.5 block text-sm font-medium text-slate-800">
              Event type
            </label>
            <select id={selectId} value={type} onChange={(event) => setType(event.target.value)} className={inputClass}>
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
