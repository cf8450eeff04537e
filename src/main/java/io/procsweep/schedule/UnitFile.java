package io.procsweep.schedule;

/** One systemd unit file: its name ({@code procsweep-scan.timer}) and its whole text. */
public record UnitFile(String name, String text) {}
