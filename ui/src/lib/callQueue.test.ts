import { describe, expect, it } from "vitest";
import { CallQueue } from "./callQueue";

/** A call that ends when `release` is called, logging when it starts and ends. */
function gate(log: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  const call = async () => {
    log.push(`${name} start`);
    await done;
    log.push(`${name} end`);
    return name;
  };
  return { call, release };
}

describe("CallQueue", () => {
  it("runs queued calls one after another, also after a failure", async () => {
    const q = new CallQueue();
    const log: string[] = [];
    const a = gate(log, "a");
    const first = q.enqueue(a.call);
    const failing = q.enqueue(async () => {
      log.push("b");
      throw new Error("b failed");
    });
    const third = q.enqueue(async () => (log.push("c"), "c"));
    expect(log).toEqual([]);
    await Promise.resolve();
    expect(log).toEqual(["a start"]);
    a.release();
    expect(await first).toBe("a");
    await expect(failing).rejects.toThrow("b failed");
    expect(await third).toBe("c");
    expect(log).toEqual(["a start", "a end", "b", "c"]);
  });

  it("starts a reading call only after the edits before it, and does not hold up later ones", async () => {
    const q = new CallQueue();
    const log: string[] = [];
    const edit = gate(log, "edit");
    const read = gate(log, "read");
    void q.enqueue(edit.call);
    const reading = q.afterPending(read.call);
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(["edit start"]);
    edit.release();
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(["edit start", "edit end", "read start"]);
    // The read is still running (a print dialog left open): a later edit runs anyway.
    expect(await q.enqueue(async () => (log.push("later edit"), "later"))).toBe("later");
    expect(log).toEqual(["edit start", "edit end", "read start", "later edit"]);
    read.release();
    expect(await reading).toBe("read");
  });
});
