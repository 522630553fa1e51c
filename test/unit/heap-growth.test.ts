import v8 from "node:v8";
import { afterEach, describe, expect, it, vi } from "vitest";
import { limitHeapGrowth } from "../../src/pipeline/heap-growth.js";

describe("limitHeapGrowth", () => {
  afterEach(() => vi.restoreAllMocks());

  it("sets V8's heap growth for the first hold and gives V8 its own rule back after the last release", () => {
    const flags = vi.spyOn(v8, "setFlagsFromString").mockImplementation(() => undefined);
    const first = limitHeapGrowth();
    const second = limitHeapGrowth();
    expect(flags.mock.calls).toEqual([["--heap-growing-percent=80"]]);
    first();
    first();
    expect(flags).toHaveBeenCalledTimes(1);
    second();
    expect(flags.mock.calls).toEqual([["--heap-growing-percent=80"], ["--heap-growing-percent=0"]]);
    limitHeapGrowth()();
    expect(flags.mock.calls.slice(2)).toEqual([["--heap-growing-percent=80"], ["--heap-growing-percent=0"]]);
  });
});
