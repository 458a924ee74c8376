/** Contract C4.9: the last boot step appends `profile=default` here; append-only across boots. */
export const BOOT_LOG = "/opt/data/logs/container-boot.log";
