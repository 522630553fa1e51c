import { describe, expect, it } from "vitest";
import { titleParts } from "../../src/render/page-context.js";

describe("a course title's main part, which a narrow header shows whole", () => {
  it("is the title up to its first colon or dash", () => {
    expect(titleParts("The Webonomicon: Building Web Applications from First Principles")).toEqual({
      main: "The Webonomicon",
      rest: ": Building Web Applications from First Principles",
    });
    expect(titleParts("Research Software — A Practical Course")).toEqual({ main: "Research Software", rest: " — A Practical Course" });
    expect(titleParts("Data Science - Part 1")).toEqual({ main: "Data Science", rest: " - Part 1" });
  });

  it("is the whole title when it has no colon or dash to break at", () => {
    expect(titleParts("Software Tools for Research Programmers")).toEqual({ main: "Software Tools for Research Programmers", rest: "" });
    expect(titleParts("Time-saving Tools")).toEqual({ main: "Time-saving Tools", rest: "" });
    expect(titleParts(": Odd")).toEqual({ main: ": Odd", rest: "" });
  });
});
