package io.procsweep.snapshot;

/**
 * Something about a process that could not be read; kept and reported, never fatal.
 *
 * @param pid the process
 * @param what the field or file ({@code cmdline}, {@code exe}, {@code cwd}, {@code stdio},
 *     {@code ns/pid}, {@code fd}, ...)
 * @param reason short reason ({@code access denied}, {@code process exited}, ...)
 */
public record ReadFailure(int pid, String what, String reason) {}
