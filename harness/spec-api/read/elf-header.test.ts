import { describe, expect, it } from "vitest";
import {
  describeElf,
  ELF_HEADER_BYTES,
  elfMachineName,
  elfMatches,
  expectedElfFor,
  parseElfHeader,
} from "./elf-header.js";

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ""), "hex");

// The first 20 bytes of Debian 13's amd64 /bin/ls (a PIE) and crt1.o, and of its arm64 libz.so.1; the
// s390x and ARM headers are written from the gABI (s390x is big-endian: e_machine 22 is 0x0016 there).
const X86_64_PIE = hex("7f454c46 02 01 01 00 0000000000000000 0300 3e00");
const X86_64_OBJECT = hex("7f454c46 02 01 01 00 0000000000000000 0100 3e00");
const AARCH64_SO = hex("7f454c46 02 01 01 00 0000000000000000 0300 b700");
const S390X_SO = hex("7f454c46 02 02 01 00 0000000000000000 0003 0016");
const ARM_EXEC = hex("7f454c46 01 01 01 00 0000000000000000 0200 2800");

describe("parseElfHeader", () => {
  it("reads class, byte order, type and machine of an x86-64 PIE and object file", () => {
    expect(parseElfHeader(X86_64_PIE)).toEqual({ elfClass: 64, endianness: "little", type: 3, machine: 62 });
    expect(parseElfHeader(X86_64_OBJECT)?.type).toBe(1);
  });

  it("reads e_machine in the file's own byte order", () => {
    expect(parseElfHeader(AARCH64_SO)?.machine).toBe(183);
    expect(parseElfHeader(S390X_SO)).toEqual({ elfClass: 64, endianness: "big", type: 3, machine: 22 });
    expect(parseElfHeader(ARM_EXEC)).toEqual({ elfClass: 32, endianness: "little", type: 2, machine: 40 });
  });

  it("ignores bytes past the header and reads a header inside a larger buffer", () => {
    const larger = Buffer.concat([Buffer.from("pad"), AARCH64_SO, Buffer.alloc(100)]);
    expect(parseElfHeader(larger.subarray(3))?.machine).toBe(183);
  });

  it("is undefined for what is not an ELF file", () => {
    expect(parseElfHeader(Buffer.from("#!/bin/sh\necho not an ELF file\n"))).toBeUndefined();
    expect(parseElfHeader(Buffer.alloc(0))).toBeUndefined();
    // Magic, but cut short before e_machine (an empty or truncated file).
    expect(parseElfHeader(X86_64_PIE.subarray(0, ELF_HEADER_BYTES - 1))).toBeUndefined();
    // Magic followed by a class or byte order the gABI does not define.
    expect(parseElfHeader(hex("7f454c46 03 01 01 00 0000000000000000 0300 3e00"))).toBeUndefined();
    expect(parseElfHeader(hex("7f454c46 02 00 01 00 0000000000000000 0300 3e00"))).toBeUndefined();
  });
});

describe("expectedElfFor", () => {
  it("maps the OCI architecture names to their ELF machine", () => {
    const machines = ["amd64", "arm64", "arm", "386", "ppc64le", "s390x", "riscv64"].map(
      (arch) => expectedElfFor(arch)?.machine,
    );
    expect(machines).toEqual([62, 183, 40, 3, 21, 22, 243]);
  });

  it("knows each one's class and byte order", () => {
    expect(expectedElfFor("amd64")).toEqual({ machine: 62, elfClass: 64, endianness: "little" });
    expect(expectedElfFor("arm")).toEqual({ machine: 40, elfClass: 32, endianness: "little" });
    expect(expectedElfFor("s390x")?.endianness).toBe("big");
  });

  it("is undefined for an architecture it does not know, including inherited names", () => {
    expect(expectedElfFor("mips64le")).toBeUndefined();
    expect(expectedElfFor("x86_64")).toBeUndefined();
    expect(expectedElfFor("toString")).toBeUndefined();
  });
});

describe("elfMatches", () => {
  const amd64 = expectedElfFor("amd64");
  const arm64 = expectedElfFor("arm64");

  it("accepts the architecture's own files and refuses another machine", () => {
    if (!amd64 || !arm64) throw new Error("amd64 and arm64 must be known");
    const x86 = parseElfHeader(X86_64_PIE);
    const aarch64 = parseElfHeader(AARCH64_SO);
    if (!x86 || !aarch64) throw new Error("test headers must parse");
    expect([elfMatches(x86, amd64), elfMatches(aarch64, amd64)]).toEqual([true, false]);
    expect([elfMatches(x86, arm64), elfMatches(aarch64, arm64)]).toEqual([false, true]);
  });

  it("refuses the right machine in the wrong class or byte order", () => {
    if (!amd64) throw new Error("amd64 must be known");
    expect(elfMatches({ elfClass: 32, endianness: "little", machine: 62 }, amd64)).toBe(false);
    const ppc64 = { elfClass: 64, endianness: "big", machine: 21 } as const;
    const ppc64le = expectedElfFor("ppc64le");
    if (!ppc64le) throw new Error("ppc64le must be known");
    expect(elfMatches(ppc64, ppc64le)).toBe(false);
  });
});

describe("names", () => {
  it("names the common machines and shows any other by number", () => {
    expect([62, 183, 40, 3].map(elfMachineName)).toEqual(["x86-64", "AArch64", "ARM", "x86 (i386)"]);
    expect(elfMachineName(9999)).toBe("e_machine 9999");
  });

  it("describes a header as a failure message shows it", () => {
    const header = parseElfHeader(AARCH64_SO);
    if (!header) throw new Error("test header must parse");
    expect(describeElf(header)).toBe("AArch64, 64-bit little-endian");
  });
});
