/**
 * The two generations of the image in use (docs/contract.md, "Image generations"): G1 is the seed
 * Dockerfile's layout, G2 adds the `docker exec` shim at /opt/hermes/bin/hermes. Specs that depend
 * on the generation read it from the run context instead of assuming one.
 */
export type ImageGeneration = "g1" | "g2";

export const GENERATIONS: readonly ImageGeneration[] = ["g1", "g2"];

/** The file whose presence marks G2 (the contract's own detector). */
export const EXEC_SHIM = "/opt/hermes/bin/hermes";

export function parseGeneration(text: string | undefined): ImageGeneration | undefined {
  const value = text?.trim().toLowerCase();
  return value === "g1" || value === "g2" ? value : undefined;
}
