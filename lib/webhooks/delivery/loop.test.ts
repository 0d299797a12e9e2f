import { afterEach, describe, expect, it } from "vitest";
import { testProvider } from "@/lib/test/db";
import { hang } from "@/lib/test/receivers";
import { startWorker, stopWorker, wakeWorker, workerStatus } from "./loop";
import { emit, endpoint, receiver, sleep, withDeliveryTestDb } from "@/lib/test/delivery";

const { db } = withDeliveryTestDb();

describe(`the in-process loop on ${testProvider}`, () => {
  afterEach(async () => {
    await stopWorker();
    process.env.HOOKLINE_WORKER = "off";
    delete process.env.HOOKLINE_WORKER_INTERVAL_MS;
    process.env.HOOKLINE_DELIVERY_TIMEOUT_MS = "400";
  });

  it("does nothing when HOOKLINE_WORKER=off", async () => {
    process.env.HOOKLINE_WORKER = "off";
    startWorker();
    wakeWorker();
    expect(workerStatus()).toMatchObject({ enabled: false, running: false });
  });

  it("delivers within milliseconds of an emit (woken, not waiting for its tick), even while another delivery hangs", async () => {
    process.env.HOOKLINE_WORKER = "on";
    process.env.HOOKLINE_WORKER_INTERVAL_MS = "60000";
    process.env.HOOKLINE_DELIVERY_TIMEOUT_MS = "3000";
    const hanging = await receiver(hang);
    const quick = await receiver();
    await endpoint(hanging.url, { eventTypes: ["invoice.created"] });
    await endpoint(quick.url, { eventTypes: ["customer.created"] });
    startWorker();
    startWorker(); // idempotent
    await sleep(50); // the loop's first pass found nothing and sleeps for its 60 s interval

    await emit("invoice.created");
    await hanging.waitFor(1, 1_000);
    const emittedAt = Date.now();
    await emit("customer.created");
    const [request] = await quick.waitFor(1, 1_000);
    expect(request.receivedAt - emittedAt).toBeLessThan(500);

    for (let i = 0; i < 50 && (await db().webhook.count({ where: { status: "succeeded" } })) === 0; i += 1)
      await sleep(10);
    const status = workerStatus();
    expect(status).toMatchObject({ enabled: true, running: true, lastError: null, inFlight: 1 });
    expect(status.lastPassAt).not.toBeNull();

    await stopWorker(); // waits for the hanging delivery to time out and be recorded
    expect(workerStatus()).toMatchObject({ running: false, inFlight: 0 });
    expect(await db().webhook.count({ where: { status: "retrying", lastError: "Timed out after 3000 ms" } })).toBe(1);
    expect(await db().webhook.count({ where: { status: "succeeded" } })).toBe(1);
  });
});
