import { Button } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";

/** The URL holds a filter that cannot be right (a hand-edited link): say which, and offer a clean log. */
export function InvalidFilters({ message, onClear }: { message: string; onClear: () => void }) {
  return (
    <div role="alert" className="px-6 py-14 text-center">
      <div className="mx-auto flex size-11 items-center justify-center rounded-full bg-amber-50 text-amber-600">
        <AlertIcon className="size-5" />
      </div>
      <h3 className="mt-3 text-sm font-semibold text-slate-900">These filters are not valid</h3>
      <p className="mx-auto mt-1 max-w-sm text-sm text-slate-500">{message}</p>
      <Button variant="secondary" className="mt-5" onClick={onClear}>
        Clear filters
      </Button>
    </div>
  );
}
