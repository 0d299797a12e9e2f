"use client";

import { Button } from "./button";
import { CopyButton } from "./copy-button";
import { AlertIcon } from "./icons";

/**
 * A secret or link shown once (Hookline keeps only its hash): the warning to copy it now, the value selected on
 * focus with a copy button, and the button that closes it.
 */
export function OneTimeSecret({
  id,
  label,
  value,
  copyLabel,
  warning,
  doneLabel,
  onDone,
}: {
  id: string;
  label: string;
  value: string;
  copyLabel: string;
  warning: React.ReactNode;
  doneLabel: string;
  onDone: () => void;
}) {
  return (
    <div className="space-y-5">
      <div
        role="alert"
        className="flex gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
      >
        <AlertIcon className="mt-0.5 size-4 shrink-0" />
        <p>{warning}</p>
      </div>
      <div>
        <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-slate-800">
          {label}
        </label>
        <div className="flex items-center gap-2">
          <input
            id={id}
            readOnly
            value={value}
            onFocus={(event) => event.currentTarget.select()}
            className="block w-full rounded-lg border-0 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-900 ring-1 ring-inset ring-slate-300"
          />
          <CopyButton value={value} label={copyLabel} />
        </div>
      </div>
      <div className="flex justify-end">
        <Button onClick={onDone}>{doneLabel}</Button>
      </div>
    </div>
  );
}
