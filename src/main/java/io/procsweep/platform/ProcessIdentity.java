package io.procsweep.platform;

/**
 * One incarnation of a process: pid numbers are reused, the (pid, start time, name) triple is
 * not. Cleanup re-reads it just before every signal and signals only on an exact match.
 *
 * @param pid process id
 * @param startTimeMs start time, epoch ms, as the snapshot backend computes it
 * @param name short name (Linux comm) as the snapshot read it
 */
public record ProcessIdentity(int pid, long startTimeMs, String name) {}
