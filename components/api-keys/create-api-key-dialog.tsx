"use client";

import { useState } from "react";
import { useAction } from "@/components/hooks/use-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError, TextField } from "@/components/ui/field";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
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
        <OneTimeSecret
          id="new-api-key"
          label="API key"
          value={created.key}
          copyLabel="Copy API key"
          warning="Copy this key now and keep it somewhere safe. It will not be shown again: Hookline stores only a hash of it."
          doneLabel="I have copied the key"
          onDone={close}
        />
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
