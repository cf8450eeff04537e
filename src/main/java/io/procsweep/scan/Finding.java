package io.procsweep.scan;

import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.Severity;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.state.FindingKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One process that matched at least one rule: one finding per process, however many rules it
 * matched. The first match leads: {@link #rule()}, {@link #category()}, {@link #severity()},
 * {@link #message()} and {@link #cleanup()} are the leading rule's, so code that knew one rule
 * per finding reads the most important one.
 *
 * <p>Matches are kept highest severity first; among equal severities the order given is kept
 * (the {@link Scanner} puts the most specific rule first: the one that reads more facts).
 *
 * @param process the process as read
 * @param ageSeconds its age when scanned
 * @param matches every rule it matched, the leading rule first; never empty
 * @param evidence the facts the matched rules read, by name, sorted (values as {@code FactType}
 *     says)
 * @param context what an operator asks first (ports, socket holders, cwd, session, container)
 * @param firstSeen when this leading rule was first seen on this process (pid and start time):
 *     the scan's start, or an earlier run's with saved state; null when not recorded (a finding
 *     built by hand), which reports read as the scan's start
 */
public record Finding(
    ProcessInfo process,
    long ageSeconds,
    List<Match> matches,
    Map<String, Object> evidence,
    ProcessContext context,
    Instant firstSeen) {

  private static final Comparator<Match> BY_SEVERITY =
      Comparator.comparing(Match::severity, Comparator.reverseOrder());

  public Finding {
    Objects.requireNonNull(process, "process");
    if (matches.isEmpty()) {
      throw new IllegalArgumentException("a finding needs at least one matched rule");
    }
    List<Match> sorted = new ArrayList<>(matches);
    sorted.sort(BY_SEVERITY); // stable: equal severities keep the caller's order
    matches = List.copyOf(sorted);
    evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    context = context == null ? ProcessContext.UNKNOWN : context;
  }

  /** A finding whose first sighting is not recorded. */
  public Finding(ProcessInfo process, long ageSeconds, List<Match> matches,
      Map<String, Object> evidence, ProcessContext context) {
    this(process, ageSeconds, matches, evidence, context, null);
  }

  /** A finding for a single rule, with no context: how tests and older callers build one. */
  public Finding(String rule, String category, Severity severity, String message,
      ProcessInfo process, long ageSeconds, Map<String, Object> evidence, CleanupSpec cleanup) {
    this(process, ageSeconds, List.of(new Match(rule, category, severity, message, cleanup)),
        evidence, ProcessContext.UNKNOWN);
  }

  /** The same finding, first seen at {@code at}. */
  public Finding withFirstSeen(Instant at) {
    return new Finding(process, ageSeconds, matches, evidence, context, at);
  }

  /** The leading match: highest severity, then most specific. */
  public Match lead() {
    return matches.get(0);
  }

  /** The leading rule's id. */
  public String rule() {
    return lead().rule();
  }

  /** The leading rule's category. */
  public String category() {
    return lead().category();
  }

  /** The highest severity among the matched rules (the leading rule's). */
  public Severity severity() {
    return lead().severity();
  }

  /** The leading rule's description. */
  public String message() {
    return lead().message();
  }

  /** The cleanup the leading rule proposes. */
  public CleanupSpec cleanup() {
    return lead().cleanup();
  }

  /** Whether the rule with this id is among the matches. */
  public boolean matched(String ruleId) {
    return matches.stream().anyMatch(m -> m.rule().equals(ruleId));
  }

  /** What this finding is across scans: its leading rule and the process incarnation. */
  public FindingKey key() {
    return new FindingKey(rule(), process.key());
  }

  /** The ids of every matched rule, the leading rule first. */
  public List<String> ruleIds() {
    return matches.stream().map(Match::rule).toList();
  }
}
