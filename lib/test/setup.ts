import { watchEnvironmentForTests } from "@/lib/config";

// Every test process: private URLs allowed (receivers run on loopback) and a quiet, fast retry schedule.
process.env.HOOKLINE_ALLOW_PRIVATE_URLS ??= "true";
process.env.HOOKLINE_WORKER ??= "off";
process.env.HOOKLINE_PUBLIC_URL ??= "http://localhost:3000";
// Warnings and errors only, as the console showed before the structured log (a test may capture more).
process.env.HOOKLINE_LOG_LEVEL ??= "warn";
// Tests change settings through process.env: the configuration follows them instead of being parsed once.
watchEnvironmentForTests();
