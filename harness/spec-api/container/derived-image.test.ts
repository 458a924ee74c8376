import { describe, expect, it } from "vitest";
import { derivedDockerfile } from "./derived-image.js";

describe("derivedDockerfile", () => {
  it("adds the files over the base image", () => {
    expect(derivedDockerfile("img:1", { withFiles: true })).toBe("FROM img:1\nCOPY files/ /\n");
  });

  it("runs the command after the files, through /bin/sh -c in RUN's JSON form", () => {
    expect(derivedDockerfile("img", { withFiles: true, rootShell: "rm -f /usr/bin/sleep" })).toBe(
      'FROM img\nCOPY files/ /\nRUN ["/bin/sh","-c","rm -f /usr/bin/sleep"]\n',
    );
  });

  it("keeps quotes, $ and line breaks of the command inside one RUN line, and skips COPY without files", () => {
    const command = 'for d in $PATH; do\n  echo "$d" \\\ndone';
    const text = derivedDockerfile("img", { withFiles: false, rootShell: command });
    const lines = text.split("\n");
    expect(lines).toEqual(["FROM img", expect.stringMatching(/^RUN \[/), ""]);
    expect(JSON.parse(lines[1]?.slice("RUN ".length) ?? "")).toEqual(["/bin/sh", "-c", command]);
  });

  it("refuses an empty command", () => {
    expect(() => derivedDockerfile("img", { withFiles: true, rootShell: " " })).toThrow(
      /rootShell must not be empty/,
    );
  });
});
