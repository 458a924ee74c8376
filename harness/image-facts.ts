/**
 * The image's fixed facts, named once (docs/contract.md): the runtime user, its home, where the CLI
 * and s6 live, the default ports. Specs import them rather than write the numbers out, so a spec
 * reads as the promise and a changed fact is changed in one place.
 */

/** C1.1: the runtime user `hermes` and its group, before any remap (C4.1). */
export const HERMES_UID = 10000;
export const HERMES_GID = 10000;

/** C1.1, C1.2: hermes's home and HERMES_HOME, the data volume. */
export const HERMES_HOME = "/opt/data";

/** C1.3: the venv's Python, which imports hermes_cli; for scripts run inside the container. */
export const VENV_PYTHON = "/opt/hermes/.venv/bin/python";

/** C2.3: the s6 scan directory. */
export const SCANDIR = "/run/service";

/** C6.1: where named profiles live. */
export const PROFILES_DIR = `${HERMES_HOME}/profiles`;

/** C5.2: the dashboard's port when HERMES_DASHBOARD_PORT is unset. */
export const DASHBOARD_DEFAULT_PORT = 9119;
