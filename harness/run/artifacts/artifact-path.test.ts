import path from "node:path";
import { describe, expect, it } from "vitest";
import { artifactDir, sanitiseSegment } from "./artifact-path.js";

describe("artifactDir", () => {
  it("builds <root>/<spec>/<test>", () => {
    expect(artifactDir("/work/main/artifacts", "/work/main/specs/pid1.spec.ts", "C2.5 orphans are reaped")).toBe(
      "/work/main/artifacts/pid1/C2.5_orphans_are_reaped",
    );
  });

  it("accepts a relative spec path and other test-file suffixes", () => {
    expect(artifactDir("out", "specs/boot/uid-remap.spec.ts", "x")).toBe(path.join("out", "uid-remap", "x"));
    expect(artifactDir("out", "harness/spec-api/wait/wait-for.test.ts", "x")).toBe(path.join("out", "wait-for", "x"));
  });

  it("cannot escape the root", () => {
    const dir = artifactDir("/root", "/a/../../x.spec.ts", "../../../etc/passwd");
    expect(dir).toBe("/root/x/etc_passwd");
    expect(path.relative("/root", dir).startsWith("..")).toBe(false);
    expect(artifactDir("/root", "..", "..")).toBe("/root/spec/test");
  });
});

describe("sanitiseSegment", () => {
  it("keeps allowed characters and collapses runs of others", () => {
    expect(sanitiseSegment("gateway: start -> stop (C6.3)")).toBe("gateway_start_-_stop_C6.3");
    expect(sanitiseSegment("a   b///c")).toBe("a_b_c");
    expect(sanitiseSegment("ünïcødé")).toBe("n_c_d");
  });

  it("is never empty, never . or .., never hidden", () => {
    expect(sanitiseSegment("")).toBe("unnamed");
    expect(sanitiseSegment("!!!")).toBe("unnamed");
    expect(sanitiseSegment(".")).toBe("unnamed");
    expect(sanitiseSegment("..")).toBe("unnamed");
    expect(sanitiseSegment(".hidden")).toBe("hidden");
    expect(sanitiseSegment("", "fallback")).toBe("fallback");
  });

  it("trims to 100 characters and keeps long titles with a shared prefix apart", () => {
    const a = sanitiseSegment(`${"x".repeat(150)} first`);
    const b = sanitiseSegment(`${"x".repeat(150)} second`);
    expect(a).toHaveLength(100);
    expect(b).toHaveLength(100);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^x+-[0-9a-f]{8}$/);
    expect(sanitiseSegment("y".repeat(100))).toBe("y".repeat(100));
  });

  it("only ever yields allowed characters", () => {
    const inputs = ["a/b\\c", "tab\there", "new\nline", "nul\0byte", "<>:\"|?*", "  spaced  "];
    const outputs = inputs.map((s) => sanitiseSegment(s));
    expect(outputs).toHaveLength(inputs.length);
    for (const out of outputs) expect(out).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$|^unnamed$/);
    expect(outputs).toEqual(["a_b_c", "tab_here", "new_line", "nul_byte", "unnamed", "spaced"]);
  });
});
