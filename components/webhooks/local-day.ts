/** "2026-03-10" in the reader's zone for an instant, and back: the date inputs speak local days. */
export function toLocalDay(iso: string | undefined, shiftDays = 0): string {
  if (!iso) return "";
  const date = new Date(iso);
  date.setDate(date.getDate() + shiftDays);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function fromLocalDay(day: string, shiftDays = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + shiftDays).toISOString();
}
