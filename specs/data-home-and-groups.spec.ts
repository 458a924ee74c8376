import { chownSync } from "node:fs";
import { rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  createHostDir,
  HERMES_UID,
  HOST_BIND_SKIP_REASON,
  hostBindMountsWork,
  hostOwner,
  type RunOnceResult,
  runOnce,
} from "../harness/index.js";

// Contract C4.11 (a custom HERMES_HOME) and C4.12 (the group of a bind-mounted Docker socket): what
// the setup hook does as root before the main program runs as hermes. One `docker run` per case;
// boot lines share stdout (C3.10), so each command prints one tagged line and only that is read.

/** Failure text that shows the whole run. */
const shown = (r: RunOnceResult) =>
  `${r.commandLine}\nexit ${r.exitCode}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;

describe("C4.11 custom HERMES_HOME", () => {
  it("C4.11: a HERMES_HOME below root-only parents is created, hermes's, and writable by the main program", async () => {
    const home = "/srv/hermes/home";
    // Only root can make /srv/hermes: a hook that leaves the directory to hermes's mkdir fails the
    // boot (C4.8), and one that makes it but does not hand it over leaves it root's.
    const r = await runOnce({
      env: { HERMES_HOME: home },
      command: [
        "sh",
        "-c",
        `h=${home}; f="$h/c4-11-probe.$$"
        : > "$f" && w=yes || w=no
        echo "@home uid=$(stat -c %u "$h") srv=$(stat -c %u /srv) me=$(id -u) wrote=$w file=$(stat -c %u "$f" 2>/dev/null)"`,
      ],
    });
    expect(r.exitCode, shown(r)).toBe(0);
    const m = /^@home uid=(\d+) srv=(\d+) me=(\d+) wrote=(yes|no) file=(\d*)$/m.exec(r.stdout);
    expect(m, shown(r)).not.toBeNull();
    expect(
      {
        home: Number(m?.[1]),
        srv: Number(m?.[2]),
        mainProgram: Number(m?.[3]),
        wrote: m?.[4],
        fileOwner: m?.[5],
      },
      shown(r),
    ).toEqual({
      home: HERMES_UID,
      // Only the directory itself is handed over; the parents root made stay root's.
      srv: 0,
      mainProgram: HERMES_UID,
      wrote: "yes",
      fileOwner: String(HERMES_UID),
    });
  });
});

describe("C4.12 Docker socket group", () => {
  it("C4.12: with a Unix socket of GID 4242 at /var/run/docker.sock the main program has GID 4242; without it, not", async (ctx) => {
    if (!hostBindMountsWork()) ctx.skip(HOST_BIND_SKIP_REASON);
    if (process.getuid?.() !== 0) ctx.skip("chowning the test's socket to GID 4242 needs root on the host");
    const gid = 4242;
    // The test's own socket, never the engine's: the hook only reads its type and group.
    const dir = await createHostDir("docker-sock");
    const path = join(dir, "docker.sock");
    const server: Server = createServer((socket) => socket.end());
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(path, () => resolve());
      });
      // Seen inside as root:4242 under every engine (a rootless one shifts host IDs).
      const owner = hostOwner(0, gid);
      chownSync(path, owner.uid, owner.gid);
      // The socket is a type and a GID as the hook sees them, then the main program's groups.
      const probe = [
        "sh",
        "-c",
        `s=/var/run/docker.sock
        if [ -S "$s" ]; then g=$(stat -c %g "$s"); else g=none; fi
        echo "@groups sock=$g me=$(id -u) groups=$(id -G)"`,
      ];
      const [withSocket, without] = await Promise.all([
        runOnce({ command: probe, mounts: [`${path}:/var/run/docker.sock`] }),
        runOnce({ command: probe }),
      ]);
      const read = (r: RunOnceResult) => {
        expect(r.exitCode, shown(r)).toBe(0);
        const m = /^@groups sock=(\d+|none) me=(\d+) groups=(\d+(?: \d+)*)$/m.exec(r.stdout);
        expect(m, shown(r)).not.toBeNull();
        return { sock: m?.[1], mainProgram: Number(m?.[2]), groups: (m?.[3] ?? "").split(" ").map(Number) };
      };
      const seen = read(withSocket);
      expect(seen.sock, shown(withSocket)).toBe(String(gid));
      expect(seen.mainProgram, shown(withSocket)).toBe(HERMES_UID);
      expect(seen.groups, shown(withSocket)).toContain(HERMES_UID);
      expect(seen.groups, shown(withSocket)).toContain(gid);
      // Control: the GID comes from the socket, not from the image.
      const control = read(without);
      expect(control.sock, shown(without)).toBe("none");
      expect(control.mainProgram, shown(without)).toBe(HERMES_UID);
      expect(control.groups, shown(without)).toContain(HERMES_UID);
      expect(control.groups, shown(without)).not.toContain(gid);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    }
  });
});
