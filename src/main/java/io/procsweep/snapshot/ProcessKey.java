package io.procsweep.snapshot;

/** A pid plus its start time: names one incarnation of a process across reads. */
public record ProcessKey(int pid, long startTimeMs) {}
