import { describe, expect, it } from "vitest";
import { resolveSymlinks } from "./resolve-symlinks.js";

// The links of Debian 13 with a venv as the reference image has them (merged /usr, the venv's
// python a relative link to an absolute one), and s6's tools linked into /command.
const DEBIAN = new Map([
  ["/bin", "usr/bin"],
  ["/lib", "usr/lib"],
  ["/usr/bin/python3", "python3.13"],
  ["/opt/hermes/.venv/bin/python", "python3"],
  ["/opt/hermes/.venv/bin/python3", "/usr/bin/python3"],
  ["/command/s6-svscan", "/usr/bin/s6-svscan"],
  ["/opt/hermes/current", "../hermes"],
]);

describe("resolveSymlinks", () => {
  it("follows an absolute link", () => {
    expect(resolveSymlinks("/command/s6-svscan", DEBIAN)).toBe("/usr/bin/s6-svscan");
  });

  it("follows a chain of relative and absolute links to the file", () => {
    expect(resolveSymlinks("/opt/hermes/.venv/bin/python", DEBIAN)).toBe("/usr/bin/python3.13");
  });

  it("follows links in folders on the way, not only the last component", () => {
    expect(resolveSymlinks("/bin/python3", DEBIAN)).toBe("/usr/bin/python3.13");
    expect(resolveSymlinks("/lib/x86_64-linux-gnu/libc.so.6", DEBIAN)).toBe(
      "/usr/lib/x86_64-linux-gnu/libc.so.6",
    );
  });

  it("applies .. after a link is followed, and never above the root", () => {
    expect(resolveSymlinks("/opt/hermes/current/.venv/bin/python", DEBIAN)).toBe("/usr/bin/python3.13");
    expect(resolveSymlinks("/../../usr/./bin//env", DEBIAN)).toBe("/usr/bin/env");
  });

  it("leaves a path without links, or with a dangling one, as it is", () => {
    expect(resolveSymlinks("/usr/bin/env", DEBIAN)).toBe("/usr/bin/env");
    expect(resolveSymlinks("/x", new Map([["/x", "/nowhere/y"]]))).toBe("/nowhere/y");
  });

  it("refuses a loop", () => {
    const loop = new Map([
      ["/a", "b"],
      ["/b", "/a"],
    ]);
    expect(() => resolveSymlinks("/a/file", loop)).toThrow(/too many levels of symbolic links/);
  });
});
