import { CopyButton } from "@/components/ui/copy-button";

/** Code as it is, with a copy button; `label` names it for screen readers and the button. */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <div className="relative rounded-xl bg-slate-50 ring-1 ring-inset ring-slate-200">
      <pre
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus to scroll by keyboard
        tabIndex={0}
        aria-label={label}
        className="overflow-x-auto p-4 pr-12 font-mono text-[12.5px] leading-5 text-slate-800 focus-visible:outline-offset-[-2px]"
      >
        <code>{code}</code>
      </pre>
      <CopyButton
        value={code}
        label={`Copy ${label.charAt(0).toLowerCase()}${label.slice(1)}`}
        className="absolute right-2 top-2"
      />
    </div>
  );
}
