import { Skeleton } from "@/components/ui/skeleton";
import { LogSkeleton } from "@/components/webhooks/log-list";

export default function Loading() {
  return (
    <div>
      <Skeleton className="mb-4 h-4 w-40" />
      <Skeleton className="h-6 w-96 max-w-full" />
      <div className="mt-3 mb-6 flex gap-2">
        <Skeleton className="h-5 w-28" />
        <Skeleton className="h-5 w-20" />
      </div>
      <div className="overflow-hidden rounded-xl ring-1 ring-slate-200">
        <div className="flex gap-5 border-b border-slate-200 px-4 py-3.5">
          {["w-8", "w-20", "w-14", "w-16", "w-16"].map((width, i) => (
            <Skeleton key={i} className={`h-4 ${width}`} />
          ))}
        </div>
        <div className="h-20 border-b border-slate-200" />
        <LogSkeleton />
      </div>
    </div>
  );
}
