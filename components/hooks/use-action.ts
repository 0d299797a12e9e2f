import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { useOptionalOrganizationId } from "@/components/layout/organization";
import { useToast } from "@/components/ui/toast";
import type { Action } from "@/lib/actions/safe-action";
import type { FieldErrors } from "@/lib/errors";

export type UseActionOptions<I, T> = {
  /** Toasted after success (null: nothing to say). */
  success?: string | ((data: T, input: I) => string | null);
  /** After success, before the refresh: close the dialog, keep what came back. */
  onSuccess?: (data: T, input: I) => void | Promise<void>;
  /** After success or failure. */
  onSettled?: () => void | Promise<void>;
  /** Where a failure shows: in `error` and `fieldErrors` for a form or dialog (the default), or as a toast for a lone button. */
  errors?: "inline" | "toast";
  /** Re-render the page's server components after success (default true). */
  refresh?: boolean;
};

const UNREACHABLE = "Hookline did not answer. Check your connection and try again.";

/** What a component passes: an organization's action gets its `organizationId` from the page it runs on. */
type ActionInput<I> = Omit<I, "organizationId">;

/**
 * Runs a server action from a component: pending while it runs (a second call meanwhile is ignored), its failure
 * inline or toasted, then on success a toast, `onSuccess` and a refresh of the page. On an organization's pages the
 * input names that organization (`organizationId`), which the server checks the operator is a member of.
 */
export function useAction<I, T>(action: Action<I, T>, options: UseActionOptions<ActionInput<I>, T> = {}) {
  const organizationId = useOptionalOrganizationId();
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<{ error: string; fieldErrors: FieldErrors } | null>(null);
  const running = useRef(false);

  function fail(error: string, fieldErrors: FieldErrors = {}) {
    if (options.errors === "toast") toast.error(error);
    else setFailure({ error, fieldErrors });
  }

  function run(input: ActionInput<I>) {
    if (running.current) return;
    running.current = true;
    startTransition(async () => {
      try {
        const sent = (organizationId === null ? input : { ...input, organizationId }) as I;
        const result = await action(sent).catch(() => ({ ok: false as const, error: UNREACHABLE }));
        if (!result.ok) return fail(result.error, "fieldErrors" in result ? result.fieldErrors : undefined);
        setFailure(null);
        const message = typeof options.success === "function" ? options.success(result.data, input) : options.success;
        if (message) toast.success(message);
        await options.onSuccess?.(result.data, input);
        if (options.refresh !== false) router.refresh();
      } finally {
        running.current = false;
        await options.onSettled?.();
      }
    });
  }

  return {
    run,
    pending,
    /** The last failure's message, until the next success or `reset()`. */
    error: failure?.error ?? null,
    fieldErrors: failure?.fieldErrors ?? {},
    /** Forgets the failure (a dialog that closes). */
    reset: () => setFailure(null),
  };
}
