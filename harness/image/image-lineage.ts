import { dockerClient } from "../engine/docker-client.js";
import { LABEL_LINEAGE } from "../engine/labels.js";

/**
 * Whose image this is at its root: this project's reference (it, or anything built FROM it, such as
 * a regression image or a derived wrapper) or upstream's (a published tag, a checkout build, a
 * wrapper FROM upstream). A deviation of upstream's is declared for upstream's lineage only.
 */
export type ImageLineage = "upstream" | "reference";
export const LINEAGES: readonly ImageLineage[] = ["upstream", "reference"];

export function lineageOf(labels: Record<string, string> | null | undefined): ImageLineage {
  return labels?.[LABEL_LINEAGE] === "reference" ? "reference" : "upstream";
}

export async function imageLineage(ref: string): Promise<ImageLineage> {
  const info = await dockerClient().getImage(ref).inspect();
  return lineageOf(info.Config?.Labels);
}
