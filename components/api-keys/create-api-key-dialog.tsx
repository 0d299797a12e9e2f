"use client";

import { useState } from "react";
import { useAction } from "@/components/hooks/use-action";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { FormError, TextField } from "@/components/ui/field";
import { AlertIcon } from "@/components/ui/icons";
import { createApiKeyAction } from "@/lib/actions/create-api-key";

type Created = { name: string; key: string };

/** Names a new key, then shows it once: Hookline keeps only its hash. */
export function CreateApiKeyDialog({
  open,
  installation = false,
  onClose,
}: {
  open: boolean;
  /** An installation key (the platform API) rather than one of this organization. */
  installation?: boolean;
  onClose: () => void;
}) {
  const [created, setCreated] = useState<Created | null>(null);
  const creating = useAction(createApiKeyAction, { onSuccess: ({ name, key }) => setCreated({ name, key }) });
  const { error, fieldErrors, pending } = creating;

  function close() {
    // The key leaves memory with the dialog.
    setCreated(null);
    creating.reset();
    onClose();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    creating.run(installation ? { name, installation } : { name });
  }

  if (created) {
    return (
      <Dialog
        open={open}
        onClose={close}
        title={installation ? "Your new installation key" : "Your new API key"}
        description={`“${created.name}” is ready. Use it as Authorization: Bearer <key>.`}
      >
        <div className="space-y-5">
          <div
            role="alert"
            className="flex gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
          >
            <AlertIcon className="mt-0.5 size-4 shrink-0" />
            <p>
              Copy this key now and keep it somewhere safe. It will not be shown again: Hookline stores only a hash of
              it.
            </p>
          </div>
          <div>
            <label htmlFor="new-api-key" className="mb-1.5 block text-sm font-medium text-slate-800">
              API key
            </label>
            <div className="flex items-center gap-2">
              <input
                id="new-api-key"
                readOnly
                value={created.key}
                onFocus={(event) => event.currentTarget.select()}
                className="block w-full rounded-lg border-0 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-900 ring-1 ring-inset ring-slate-300"
              />
              <CopyButton value={created.key} label="Copy API key" />
            </div>
          </div>
          <div className="flex justify-end">
            <Button onClick={close}>I have copied the key</Button>
          </div>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={installation ? "Create installation key" : "Create API key"}
      description={
        installation
          ? "It manages every organization: name it after the backend that will use it."
          : "Name the key after the application that will use it."
      }
    >
      <form onSubmit={onSubmit} className="space-y-5" noValidate>
        <FormError message={error} />
        <TextField
          label="Name"
          name="name"
          placeholder="Billing service"
          maxLength={100}
          required
          autoFocus
          error={fieldErrors.name?.[0]}
        />
        <div className="flex justify-end gap-2 pt-1">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create API key"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
