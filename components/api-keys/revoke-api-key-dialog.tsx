"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { revokeApiKeyAction } from "@/app/(dashboard)/developers/api-keys/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { ApiKeySummary } from "@/lib/api/api-keys";

/** Asks before revoking: applications using the key start getting 401 at once. */
export function RevokeApiKeyDialog({ apiKey, onClose }: { apiKey: ApiKeySummary | null; onClose: () => void }) {
  const router = useRouter();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function close() {
    setError(null);
    onClose();
  }

  function revoke() {
    if (!apiKey) return;
    startTransition(async () => {
      const result = await revokeApiKeyAction({ id: apiKey.id });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      toast.success(`API key revoked: ${apiKey.name}`);
      close();
      router.refresh();
    });
  }

  return (
    <Dialog open={apiKey !== null} onClose={close} title={`Revoke “${apiKey?.name ?? ""}”?`}>
      <div className="space-y-5">
        <FormError message={error} />
        <p className="text-sm text-slate-600">
          Requests with the key <code className="rounded bg-slate-100 px-1 font-mono text-xs">{apiKey?.prefix}…</code> will be refused with
          401 Unauthorized from now on. This cannot be undone; create a new key to replace it.
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
