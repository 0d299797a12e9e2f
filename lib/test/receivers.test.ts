import { describe, expect, it } from "vitest";
import { after, reply, startReceiver } from "./receivers";

describe("the loopback receiver", () => {
  it("records each request under its origin and answers with the handler", async () => {
    const receiver = await startReceiver(reply(201, "made"));
    try {
      expect(receiver.url).toBe(`${receiver.origin}/webhooks`);
      const response = await fetch(`${receiver.origin}/any/path`, {
        method: "POST",
        body: '{"a":1}',
        headers: { "x-test": "yes" },
      });
      expect([response.status, await response.text()]).toEqual([201, "made"]);
      expect(receiver.requests).toMatchObject([
        { method: "POST", path: "/any/path", body: '{"a":1}', headers: { "x-test": "yes" } },
      ]);
    } finally {
      await receiver.close();
    }
  });

  it("only answers when told not to record (the benchmark's), and answers late with after()", async () => {
    let seen = 0;
    const receiver = await startReceiver(
      after(150, (request, response) => {
        seen += 1;
        reply(200, request.body)(request, response);
      }),
      { record: false },
    );
    try {
      const started = Date.now();
      const response = await fetch(receiver.url, { method: "POST", body: "late" });
      expect(await response.text()).toBe("late");
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect([seen, receiver.requests.length]).toEqual([1, 0]);
    } finally {
      await receiver.close();
    }
  });
});
