import { cn } from "./cn";

/** A grey placeholder block with a gentle pulse; hidden from screen readers (wrap a group in <SkeletonGroup>). */
export function Skeleton({ className }: { className?: string }) {
  return <span aria-hidden className={cn("block animate-pulse rounded-md bg-slate-200/70", className)} />;
}

/** Announces one "Loading …" for a group of skeletons instead of reading each block. */
export function SkeletonGroup({
  label = "Loading",
  className,
  children,
}: {
  label?: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div role="status" aria-live="polite" className={className}>
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}
