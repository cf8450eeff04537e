package io.procsweep.snapshot;

/**
 * The machine a snapshot was taken on.
 *
 * @param hostname host name
 * @param os operating system family and version
 * @param kernel kernel release
 * @param bootTimeMs boot time, epoch ms
 * @param cpus logical CPU count
 */
public record HostInfo(String hostname, String os, String kernel, long bootTimeMs, int cpus) {}
