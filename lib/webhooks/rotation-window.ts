import { UserError } from "@/lib/errors";

const DEFAULT_HOURS = 24;
const MAX_HOURS = 24 * 30;

/** How long a rotated-out secret or key keeps working: HOOKLINE_SECRET_ROTATION_OVERLAP_HOURS (default 24, 0 = none). */
export function rotationOverlapMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env.HOOKLINE_SECRET_ROTATION_OVERLAP_HOURS?.trim();
  if (!raw) return DEFAULT_HOURS * 3_600_000;
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours < 0 || hours > MAX_HOURS) {
    throw new UserError(`HOOKLINE_SECRET_ROTATION_OVERLAP_HOURS must be a number of hours from 0 to ${MAX_HOURS}; it is "${raw}".`);
  }
  return Math.round(hours * 3_600_000);
}

/** The overlap in hours, for the dashboard's wording; null when the setting is unreadable (a rotation says why). */
export function rotationOverlapHours(): number | null {
  try {
    return rotationOverlapMs() / 3_600_000;
  } catch {
    return null;
  }
}
