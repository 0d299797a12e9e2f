/** Event types grouped by their noun (`invoice.created` under `invoice`), in first-seen order. */
export function groupByNoun(types: string[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const type of types) {
    const noun = type.split(".")[0];
    groups.set(noun, [...(groups.get(noun) ?? []), type]);
  }
  return [...groups];
}
