// A description from the OpenAPI document: `code` spans and [links](https://...) rendered, everything else as text.
const TOKEN = /`([^`]+)`|\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g;

export function InlineText({ text }: { text: string | undefined }) {
  if (!text) return null;
  const nodes: React.ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    if (index > last) nodes.push(text.slice(last, index));
    const [whole, code, label, href] = match;
    nodes.push(
      code !== undefined ? (
        <code key={index} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800">
          {code}
        </code>
      ) : (
        <a
          key={index}
          href={href}
          className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600"
          rel="noreferrer"
        >
          {label}
        </a>
      ),
    );
    last = index + whole.length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return <>{nodes}</>;
}
