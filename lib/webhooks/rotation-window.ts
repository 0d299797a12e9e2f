import { config } from "@/lib/config";

/** How long a rotated-out secret or key keeps working: HOOKLINE_SECRET_ROTATION_OVERLAP_HOURS (default 24, 0 = none). */
export function rotationOverlapMs(): number {
  return config().signing.rotationOverlapMs;
}

/** The overlap in hours, for the dashboard's wording. */
export function rotationOverlapHours(): number {
  return rotationOverlapMs() / 3_600_000;
}
