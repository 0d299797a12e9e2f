"use client";

import { useState } from "react";
import { useAction } from "@/components/hooks/use-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { ClockIcon, KeyIcon, RotateIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import { rotateSigningKeyAction } from "@/lib/actions/rotate-signing-key";
import type { SigningKeyStatus } from "@/lib/webhooks/signing-key";

/** Settings > the installation's RSA key for JWT endpoints: fingerprint, where it comes from, and "Rotate key". */
export function SigningKeysSection({
  status,
  apiUrl,
  overlapHours,
  canRotate,
}: {
  status: SigningKeyStatus;
  apiUrl: string;
  overlapHours: number | null;
  /** The key signs every organization's deliveries: only the installation's owner rotates it. */
  canRotate: boolean;
}) {
  const [confirming, setConfirming] = useState(false);
  const { run, pending, error } = useAction(rotateSigningKeyAction, {
    success: "Signing key rotated: JWTs are signed with the new key from now on",
    onSuccess: () => setConfirming(false),
  });
  const fromEnv = status.source === "env";
  const curl = `curl -H "Authorization: Bearer $HOOKLINE_API_KEY" ${apiUrl}/api/v1/webhooks/json_public_key`;

  return (
    <section id="signing-keys" aria-labelledby="signing-keys-heading" className="scroll-mt-6">
      <div className="mb-3">
        <h2 id="signing-keys-heading" className="text-base font-semibold text-slate-900">
          Signing key
        </h2>
        <p className="mt-0.5 text-sm text-slate-500">
          JWT endpoints are signed with this installation&apos;s RSA key (RS256). Receivers verify with the public key
          served at <code className="font-mono text-xs">/api/v1/webhooks/public_key</code>.
        </p>
      </div>
      <div className="divide-y divide-slate-100 overflow-hidden rounded-xl bg-white ring-1 ring-slate-200">
        <div className="flex flex-wrap items-center gap-4 p-4">
          <div className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-brand-600">
            <KeyIcon className="size-4" />
          </div>
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium text-slate-900">Current key</span>
              <Badge tone="green">In use</Badge>
              {fromEnv && <Badge tone="slate">From HOOKLINE_RSA_PRIVATE_KEY</Badge>}
            </div>
            <p className="mt-0.5 text-xs text-slate-500">
              Fingerprint <span className="font-mono text-slate-700">{status.fingerprint}</span>
              {status.since && (
                <>
                  {" "}
                  · in use since <LocalTime value={status.since} />
                </>
              )}
            </p>
          </div>
          {canRotate && (
            <Button
              variant="secondary"
              size="sm"
              onClick={() => setConfirming(true)}
              disabled={fromEnv}
              title={fromEnv ? "The environment owns this key" : undefined}
            >
              <RotateIcon />
              Rotate key
            </Button>
          )}
        </div>
        <p className="p-4 text-xs text-slate-500">
          JWT issuer (<code className="font-mono">iss</code>):{" "}
          <code className="font-mono text-slate-700">{status.issuer.value}</code>{" "}
          {status.issuer.source === "HOOKLINE_PUBLIC_URL" ? (
            <>
              · from <code className="font-mono">HOOKLINE_PUBLIC_URL</code>
            </>
          ) : (
            <>
              · the default from <code className="font-mono">PORT</code>: set{" "}
              <code className="font-mono">HOOKLINE_PUBLIC_URL</code> to the address receivers know this installation by,
              so that a receiver checking <code className="font-mono">iss</code> accepts it
            </>
          )}
        </p>
        {status.previous && (
          <div className="flex flex-wrap items-center gap-4 bg-slate-50/60 p-4">
            <div className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-slate-100 text-slate-500">
              <ClockIcon className="size-4" />
            </div>
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium text-slate-900">Previous key</span>
                <Badge tone="amber">Retiring</Badge>
              </div>
              <p className="mt-0.5 text-xs text-slate-500">
                Fingerprint <span className="font-mono text-slate-700">{status.previous.fingerprint}</span> · served as{" "}
                <code className="font-mono">previous_public_key</code> until{" "}
                <span className="font-medium text-slate-700">
                  <LocalTime value={status.previous.expiresAt} />
                </span>
              </p>
            </div>
          </div>
        )}
        {fromEnv ? (
          <p className="p-4 text-xs text-slate-500">
            The key is set by <code className="font-mono">HOOKLINE_RSA_PRIVATE_KEY</code>: to rotate it, put a new key
            in that variable and restart Hookline.
          </p>
        ) : (
          <div className="flex items-start gap-1 p-3 pl-4">
            <code className="min-w-0 flex-1 py-1 font-mono text-[12px] leading-5 break-all text-slate-700">{curl}</code>
            <CopyButton value={curl} label="Copy the public keys command" />
          </div>
        )}
      </div>

      <Dialog open={confirming} onClose={() => setConfirming(false)} title="Rotate the signing key?">
        <div className="space-y-4 text-sm text-slate-600">
          <FormError message={error} />
          <p>
            A new RSA key is generated and signs every JWT from now on;{" "}
            <code className="font-mono text-xs">/api/v1/webhooks/public_key</code> serves the new public key at once.
          </p>
          <p>
            A JWT carries one signature: receivers that cached the old public key must fetch it again.{" "}
            {overlapHours
              ? `For ${overlapHours} ${overlapHours === 1 ? "hour" : "hours"} the old key is still listed as previous_public_key at /api/v1/webhooks/json_public_key, for deliveries signed just before the rotation.`
              : "The old key is not kept."}
          </p>
          <div className="flex justify-end gap-2 pt-1">
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button onClick={() => run({})} disabled={pending}>
              <RotateIcon />
              {pending ? "Rotating…" : "Rotate key"}
            </Button>
          </div>
        </div>
      </Dialog>
    </section>
  );
}
