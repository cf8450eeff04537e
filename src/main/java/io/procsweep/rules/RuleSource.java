package io.procsweep.rules;

/** A loaded rule file, as reports name it: where it came from and the SHA-256 of its bytes. */
public record RuleSource(String source, String sha256) {}
