package io.procsweep.rules;

/**
 * One rule file's text to load.
 *
 * @param name how diagnostics name the file (a path, or {@code builtin:rules/default.yaml})
 * @param content the YAML text
 */
public record RuleInput(String name, String content) {}
