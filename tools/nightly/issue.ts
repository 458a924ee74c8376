// Nightly, after the report: keep one repository issue in step with the verdict (reports/nightly-verdict.json):
// open or update it while red, close it when green. Uses the gh CLI with GH_TOKEN and GH_REPO.
import { readFileSync, writeFileSync } from "node:fs";
import { execa } from "execa";
import { issueAction, issueBody, NIGHTLY_ISSUE_TITLE, NIGHTLY_LABEL } from "./nightly-issue.js";
import type { NightlyVerdict } from "./nightly-verdict.js";

const verdict = JSON.parse(readFileSync("reports/nightly-verdict.json", "utf8")) as NightlyVerdict;
const gh = (args: string[]) => execa("gh", args);
const today = new Date().toISOString().slice(0, 10);

const listed = await gh(["issue", "list", "--label", NIGHTLY_LABEL, "--state", "open", "--json", "number"]);
const open = (JSON.parse(listed.stdout) as Array<{ number: number }>).map((issue) => issue.number);
const action = issueAction(verdict.red, open);
const bodyFile = "reports/nightly-issue.md";

switch (action.kind) {
  case "create":
    writeFileSync(bodyFile, issueBody(verdict, today));
    // Idempotent: makes the label on the first red run, leaves it alone after.
    await gh([
      "label",
      "create",
      NIGHTLY_LABEL,
      "--color",
      "B60205",
      "--description",
      "The nightly image tests are red",
      "--force",
    ]);
    await gh([
      "issue",
      "create",
      "--title",
      NIGHTLY_ISSUE_TITLE,
      "--label",
      NIGHTLY_LABEL,
      "--body-file",
      bodyFile,
    ]);
    console.log("opened the nightly issue");
    break;
  case "update":
    writeFileSync(bodyFile, issueBody(verdict, today));
    await gh(["issue", "edit", String(action.issue), "--body-file", bodyFile]);
    await gh([
      "issue",
      "comment",
      String(action.issue),
      "--body",
      `Still red on ${today}: ${verdict.inputs.runUrl} (${verdict.reasons.join("; ")})`,
    ]);
    for (const duplicate of action.others) {
      await gh(["issue", "close", String(duplicate), "--comment", `Tracked in #${action.issue}.`]);
    }
    console.log(`updated nightly issue #${action.issue}`);
    break;
  case "close":
    for (const issue of action.issues) {
      await gh([
        "issue",
        "close",
        String(issue),
        "--comment",
        `Green again on ${today}: ${verdict.inputs.runUrl} (tested ${verdict.inputs.pinned}).`,
      ]);
    }
    console.log(`closed nightly issue(s) ${action.issues.map((n) => `#${n}`).join(", ")}`);
    break;
  case "none":
    console.log("green, and no nightly issue is open");
    break;
}
