"use client";

import { useState } from "react";
import { useAction } from "@/components/hooks/use-action";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { ClockIcon, EyeIcon, EyeOffIcon, RotateIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import { revealEndpointSecretAction } from "@/lib/actions/reveal-endpoint-secret";
import { rotateEndpointSecretAction } from "@/lib/actions/rotate-endpoint-secret";
import { AdminOnly } from "@/components/layout/organization";

const MASK = "•".repeat(28);

/**
 * An HMAC or Standard Webhooks endpoint's secret: hidden until "Reveal" (a session-checked action returns it), then
 * copyable; "Rotate secret" after a confirmation. During a Standard Webhooks overlap, says when the old one stops.
 */
export function SigningSecretPanel({
  endpointId,
  algo,
  previousSecretUntil,
  overlapHours,
}: {
  endpointId: string;
  algo: "hmac" | "standard";
  previousSecretUntil: Date | null;
  /** HOOKLINE_SECRET_ROTATION_OVERLAP_HOURS, for the confirmation's wording (null: unreadable). */
  overlapHours: number | null;
}) {
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  // When the previous secret stops signing: the server's value if still ahead, until a rotation here gives a newer one.
  const [until, setUntil] = useState<Date | null>(() =>
    previousSecretUntil && previousSecretUntil.getTime() > Date.now() ? previousSecretUntil : null,
  );
  const [rotatedHere, setRotatedHere] = useState(false);
  const revealing = useAction(revealEndpointSecretAction, {
    refresh: false,
    onSuccess: (data) => {
      rotating.reset();
      setSecret(data.secret);
    },
  });
  const rotating = useAction(rotateEndpointSecretAction, {
    success: "Signing secret rotated",
    onSuccess: (rotated) => {
      revealing.reset();
      setConfirming(false);
      setSecret(rotated.secret);
      setUntil(rotated.previousSecretUntil);
      setRotatedHere(true);
    },
  });
  const error = rotating.error ?? revealing.error;

  return (
    <div>
      <FormError message={error} />
      <div className="flex h-9 min-w-0 items-center gap-1 rounded-lg bg-slate-50 pr-1 pl-3 ring-1 ring-slate-200 ring-inset focus-within:ring-2 focus-within:ring-brand-500">
        <input
          readOnly
          aria-label="Signing secret"
          value={secret ?? (algo === "standard" ? `whsec_${MASK}` : MASK)}
          onFocus={(event) => secret && event.currentTarget.select()}
          className="min-w-0 flex-1 truncate bg-transparent font-mono text-[13px] text-slate-800 outline-none"
        />
        {secret && <CopyButton value={secret} label="Copy signing secret" />}
      </div>
      <AdminOnly>
        <div className="mt-2 flex flex-wrap gap-2">
          {secret ? (
            <Button variant="secondary" size="sm" onClick={() => setSecret(null)}>
              <EyeOffIcon />
              Hide
            </Button>
          ) : (
            <Button
              variant="secondary"
              size="sm"
              onClick={() => revealing.run({ endpointId })}
              disabled={revealing.pending}
            >
              <EyeIcon />
              {revealing.pending ? "Revealing…" : "Reveal"}
            </Button>
          )}
          <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
            <RotateIcon />
            Rotate secret
          </Button>
        </div>
      </AdminOnly>

      {until && (
        <p
          role="status"
          className="mt-2.5 flex items-start gap-2 rounded-lg bg-blue-50 px-3 py-2 text-xs text-blue-900 ring-1 ring-blue-200 ring-inset"
        >
          <ClockIcon className="mt-px size-3.5 shrink-0 text-blue-600" />
          <span>
            {rotatedHere ? "Secret rotated. " : "Rotation in progress. "}
            The previous secret stops working at{" "}
            <span className="font-semibold">
              <LocalTime value={until} />
            </span>
            . Until then every delivery carries two signatures, one per secret.
          </span>
        </p>
      )}
      {rotatedHere && algo === "hmac" && (
        <p
          role="status"
          className="mt-2.5 flex items-start gap-2 rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-200 ring-inset"
        >
          <ClockIcon className="mt-px size-3.5 shrink-0 text-amber-600" />
          Secret rotated. Deliveries are signed with the new secret from now on: update your receiver.
        </p>
      )}

      <Dialog open={confirming} onClose={() => setConfirming(false)} title="Rotate the signing secret?">
        <div className="space-y-4 text-sm text-slate-600">
          {algo === "standard" ? (
            <p>
              A new secret is generated now.{" "}
              {overlapHours
                ? `For the next ${overlapHours} ${overlapHours === 1 ? "hour" : "hours"}, every delivery carries two signatures, one with each secret, so your receiver accepts them whichever it holds. Update it before the old secret stops working.`
                : "The old secret stops working at once: update your receiver right away."}
            </p>
          ) : (
            <p>
              A new secret signs every delivery from now on. HMAC carries a single signature, so a receiver still
              holding the old secret rejects deliveries until you update it. For a rotation without downtime, use
              Standard Webhooks.
            </p>
          )}
          <div className="flex justify-end gap-2 pt-1">
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button onClick={() => rotating.run({ endpointId })} disabled={rotating.pending}>
              <RotateIcon />
              {rotating.pending ? "Rotating…" : "Rotate secret"}
            </Button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}
