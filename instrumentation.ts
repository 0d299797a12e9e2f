// Runs once when a server process starts (next start / next dev / scripts/web.mjs), before it serves a request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("@/lib/boot");
  await boot();
  // Only scripts/web.mjs (`npm start`) takes it up; booted first, so nothing is answered before the migrations.
  const { offerLeanPath } = await import("@/lib/api/lean-events");
  offerLeanPath();
}
