"use client";

import { useAction } from "@/components/hooks/use-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { revokeApiKeyAction } from "@/lib/actions/revoke-api-key";
import type { ApiKeySummary } from "@/lib/api/api-keys";

/** Asks before revoking: applications using the key start getting 401 at once. */
export function RevokeApiKeyDialog({
  apiKey,
  installation = false,
  onClose,
}: {
  apiKey: ApiKeySummary | null;
  installation?: boolean;
  onClose: () => void;
}) {
  const revoking = useAction(revokeApiKeyAction, {
    success: (revoked) => `API key revoked: ${revoked.name}`,
    onSuccess: () => close(),
  });
  const { error, pending } = revoking;

  function close() {
    revoking.reset();
    onClose();
  }

  function revoke() {
    if (apiKey) revoking.run(installation ? { id: apiKey.id, installation } : { id: apiKey.id });
  }

  return (
    <Dialog open={apiKey !== null} onClose={close} title={`Revoke “${apiKey?.name ?? ""}”?`}>
      <div className="space-y-5">
        <FormError message={error} />
        <p className="text-sm text-slate-600">
          Requests with the key <code className="rounded bg-slate-100 px-1 font-mono text-xs">{apiKey?.prefix}…</code>{" "}
          will be refused with 401 Unauthorized from now on. This cannot be undone; create a new key to replace it.
        </p>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button variant="danger" onClick={revoke} disabled={pending}>
            {pending ? "Revoking…" : "Revoke key"}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
