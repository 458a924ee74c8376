import { describe, expect, it } from "vitest";
import { parsePasswd } from "./host-users.js";

describe("parsePasswd", () => {
  it("reads names and UIDs, skipping lines that do not parse", () => {
    const text =
      "root:x:0:0:root:/root:/bin/bash\nhermes-rootless:x:999:995::/home/hermes-rootless:/bin/bash\n\nbad:x:\n";
    expect(parsePasswd(text)).toEqual([
      { name: "root", uid: 0 },
      { name: "hermes-rootless", uid: 999 },
    ]);
  });
});
