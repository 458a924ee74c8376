/**
 * The start of an ELF file (System V gABI, "ELF Header"): enough of it to tell which machine the
 * file was built for, read from the first ELF_HEADER_BYTES bytes of any file.
 */
export const ELF_HEADER_BYTES = 20;

const MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]); // \x7fELF
const EI_CLASS = 4;
const EI_DATA = 5;
const E_TYPE = 16;
const E_MACHINE = 18;

export type ElfClass = 32 | 64;
export type ElfEndianness = "little" | "big";

/** What a file is built for: the machine, in which class and byte order. */
export interface ElfTarget {
  /** e_machine, read in the file's own byte order. */
  machine: number;
  elfClass: ElfClass;
  endianness: ElfEndianness;
}

export interface ElfHeader extends ElfTarget {
  /** e_type: 1 relocatable, 2 executable, 3 shared object (or PIE), 4 core. */
  type: number;
}

/**
 * The ELF header at the start of `head`, or undefined when it is not an ELF file: no magic, too short,
 * or a class or byte order the gABI does not define (a file that merely starts with the magic).
 */
export function parseElfHeader(head: Uint8Array): ElfHeader | undefined {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (bytes.length < ELF_HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const elfClass = ({ 1: 32, 2: 64 } as const)[bytes[EI_CLASS] as 1 | 2];
  const endianness = ({ 1: "little", 2: "big" } as const)[bytes[EI_DATA] as 1 | 2];
  if (elfClass === undefined || endianness === undefined) return undefined;
  const read16 = (offset: number) =>
    endianness === "little" ? bytes.readUInt16LE(offset) : bytes.readUInt16BE(offset);
  return { elfClass, endianness, type: read16(E_TYPE), machine: read16(E_MACHINE) };
}

/** e_machine values the harness names (gABI's list); any other is shown by number. */
const MACHINE_NAMES: Record<number, string> = {
  2: "SPARC",
  3: "x86 (i386)",
  8: "MIPS",
  20: "PowerPC",
  21: "PowerPC64",
  22: "S/390",
  40: "ARM",
  43: "SPARC V9",
  62: "x86-64",
  183: "AArch64",
  243: "RISC-V",
  247: "BPF",
  258: "LoongArch",
};

export function elfMachineName(machine: number): string {
  return MACHINE_NAMES[machine] ?? `e_machine ${machine}`;
}

/** "AArch64, 64-bit little-endian": what a failure message shows for a file, or for what it should be. */
export function describeElf(target: ElfTarget): string {
  return `${elfMachineName(target.machine)}, ${target.elfClass}-bit ${target.endianness}-endian`;
}

/**
 * What an image's ELF files must be, by the image's `Architecture` (OCI / Go GOARCH names). Class
 * and byte order too: e_machine alone cannot tell ppc64le from big-endian ppc64, or riscv64 from 32.
 */
const BY_ARCHITECTURE: Record<string, ElfTarget> = {
  amd64: { machine: 62, elfClass: 64, endianness: "little" },
  arm64: { machine: 183, elfClass: 64, endianness: "little" },
  arm: { machine: 40, elfClass: 32, endianness: "little" },
  "386": { machine: 3, elfClass: 32, endianness: "little" },
  ppc64le: { machine: 21, elfClass: 64, endianness: "little" },
  s390x: { machine: 22, elfClass: 64, endianness: "big" },
  riscv64: { machine: 243, elfClass: 64, endianness: "little" },
};

/** Undefined for an architecture the harness does not know (the caller says so; nothing is guessed). */
export function expectedElfFor(architecture: string): ElfTarget | undefined {
  return Object.hasOwn(BY_ARCHITECTURE, architecture) ? BY_ARCHITECTURE[architecture] : undefined;
}

export function elfMatches(header: ElfTarget, expected: ElfTarget): boolean {
  return (
    header.machine === expected.machine &&
    header.elfClass === expected.elfClass &&
    header.endianness === expected.endianness
  );
}
