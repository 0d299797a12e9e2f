"use client";

import { useId } from "react";
import { cn } from "@/components/ui/cn";
import type { SignatureAlgo } from "@/lib/webhooks/signing";
import { SIGNATURE_HINTS, SIGNATURE_LABELS } from "./signature-label";

const CHOICES: SignatureAlgo[] = ["jwt", "hmac", "standard"];

/** The guide's "Webhook signature" choice (JWT or HMAC), and Standard Webhooks beside them. */
export function SignatureChoice({
  value,
  onChange,
  note,
}: {
  value: SignatureAlgo;
  onChange: (algo: SignatureAlgo) => void;
  note?: React.ReactNode;
}) {
  const name = useId();
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-slate-800">Webhook signature</legend>
      <div className="grid gap-2 sm:grid-cols-3">
        {CHOICES.map((choice) => (
          <label
            key={choice}
            className={cn(
              "flex cursor-pointer gap-3 rounded-xl p-3 ring-1 ring-inset transition",
              value === choice ? "bg-brand-50/60 ring-2 ring-brand-500" : "ring-slate-200 hover:ring-slate-300",
            )}
          >
            <input
              type="radio"
              name={name}
              value={choice}
              checked={value === choice}
              onChange={() => onChange(choice)}
              className="mt-0.5 accent-brand-600"
            />
            <span>
              <span className="block text-sm font-medium text-slate-900">{SIGNATURE_LABELS[choice]}</span>
              <span className="mt-0.5 block text-xs text-slate-600">{SIGNATURE_HINTS[choice]}</span>
            </span>
          </label>
        ))}
      </div>
      {note && <div className="mt-2">{note}</div>}
    </fieldset>
  );
}
