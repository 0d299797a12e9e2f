import { cn } from "@/components/ui/cn";
import type { WebhookStatus } from "@/lib/webhooks/queries";

const STYLES: Record<WebhookStatus, { label: string; className: string; icon: React.ReactNode }> = {
  succeeded: {
    label: "Succeeded",
    className: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
    icon: <path d="m5 12 5 5L20 7" />,
  },
  failed: {
    label: "Failed",
    className: "bg-red-50 text-red-700 ring-red-600/20",
    icon: <path d="M18 6 6 18M6 6l12 12" />,
  },
  retrying: {
    label: "Retrying",
    className: "bg-amber-50 text-amber-800 ring-amber-600/25",
    icon: (
      <>
        <path d="M21 12a9 9 0 1 1-2.64-6.36" />
        <path d="M21 3v6h-6" />
      </>
    ),
  },
  pending: {
    label: "Pending",
    className: "bg-slate-100 text-slate-700 ring-slate-500/20",
    icon: (
      <>
        <circle cx="12" cy="12" r="9" />
        <path d="M12 7v5l3 2" />
      </>
    ),
  },
};

/** The webhook's status as icon and word, so it reads without colour. */
export function StatusBadge({ status, className }: { status: WebhookStatus; className?: string }) {
  const style = STYLES[status] ?? STYLES.pending;
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        style.className,
        className,
      )}
    >
      <svg
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={2.5}
        strokeLinecap="round"
        strokeLinejoin="round"
        className="size-3"
        aria-hidden
      >
        {style.icon}
      </svg>
      {style.label}
    </span>
  );
}
