import { LocalTime } from "@/components/ui/local-time";

/** "Sending… since 10:42:07": an attempt is in flight (a worker or an operator holds the webhook). */
export function Sending({ since }: { since: string }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-slate-700">
      <span aria-hidden className="size-3 animate-spin rounded-full border-2 border-brand-500 border-t-transparent" />
      <span>
        Sending… since{" "}
        <span className="tabular-nums">
          <LocalTime value={since} format="time" />
        </span>
      </span>
    </span>
  );
}
