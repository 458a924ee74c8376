import { existsSync, readFileSync } from "node:fs";

/**
 * This host's users, from /etc/passwd: a rootless engine belongs to one (its socket's owner), and a
 * run as root finds the rootless user's socket by that user's UID.
 */
export interface HostUser {
  name: string;
  uid: number;
}

/** The entries of /etc/passwd text that parse (name and a numeric UID). */
export function parsePasswd(text: string): HostUser[] {
  return text.split("\n").flatMap((line) => {
    const [name, , uid] = line.split(":");
    return name && uid !== undefined && /^\d+$/.test(uid) ? [{ name, uid: Number(uid) }] : [];
  });
}

export function hostUsers(): HostUser[] {
  return existsSync("/etc/passwd") ? parsePasswd(readFileSync("/etc/passwd", "utf8")) : [];
}
