package io.procsweep.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.facts.FactDeriver;
import io.procsweep.facts.FactRegistry;
import io.procsweep.rules.RuleSet;
import io.procsweep.snapshot.Backend;
import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.SnapshotSources;
import io.procsweep.testing.Fixture;
import io.procsweep.testing.TestRules;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The real conditions, made by real processes: each test creates its fixture, scans scoped to
 * it, and kills it (Fixture.close) whether the assertions hold or not.
 */
@EnabledOnOs(OS.LINUX)
class ScannerFixturesTest {
  /** Layered on the shipped rules where a fixture is adopted by its own subreaper. */
  private static final String FIXTURE_SUBREAPER = "version: 1\nsubreapers: [psweep-reaper]\n";

  private static ScanResult scan(RuleSet rules, Duration sample, Scope scope) throws Exception {
    Scanner scanner = new Scanner(SnapshotSources.create(Backend.AUTO), rules,
        new FactDeriver(FactRegistry.standard(), new HashSet<>(rules.subreapers()), "linux"),
        Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    // The fixtures are this JVM's descendants: leave out only the JVM and its ancestors.
    return scanner.scan(sample, scope, new SelfExclusion(ProcessHandle.current().pid(), false));
  }

  private static Scope under(long pid) {
    return new Scope(Set.of(), Set.of(), null, Set.of((int) pid), Set.of(), Set.of());
  }

  private static Scope pids(int... pids) {
    Set<Integer> s = new HashSet<>();
    for (int p : pids) {
      s.add(p);
    }
    return new Scope(s, Set.of(), null, Set.of(), Set.of(), Set.of());
  }

  private static List<Finding> findingsFor(ScanResult r, int pid) {
    return r.findings().stream().filter(f -> f.process().pid() == pid).collect(Collectors.toList());
  }

  /** The categories of every rule the findings matched, leading or not. */
  private static Set<String> categories(List<Finding> fs) {
    return fs.stream().flatMap(f -> f.matches().stream()).map(Match::category)
        .collect(Collectors.toSet());
  }

  private static Optional<ProcessInfo> process(ScanResult r, int pid) {
    return r.snapshot().processes().stream().filter(p -> p.pid() == pid).findFirst();
  }

  @Test
  void zombieIsFoundWithItsParent() throws Exception {
    try (Fixture f = Fixture.start("zombie", true)) {
      int zombie = f.pid("zombie");
      Fixture.awaitState(zombie, 'Z');
      ScanResult r = scan(TestRules.shippedPlus(), Duration.ZERO, under(f.reaperPid()));
      ProcessInfo z = process(r, zombie).orElseThrow();
      assertEquals(ProcState.ZOMBIE, z.state());
      assertEquals(f.pid("parent"), z.ppid());
      List<Finding> fs = findingsFor(r, zombie);
      assertEquals(1, fs.size(), "one finding per process: " + fs);
      assertEquals(Set.of("zombie"), Set.copyOf(fs.get(0).ruleIds()));
      assertEquals("zombie", fs.get(0).evidence().get("state"));
    }
  }

  @Test
  void doubleForkOrphanAdoptedByInitIsAnOrphan() throws Exception {
    try (Fixture f = Fixture.start("orphan", false)) {
      int orphan = f.pid("orphan");
      RuleSet rules = TestRules.shippedPlus();
      ScanResult r = scan(rules, Duration.ZERO, Scope.matching(f.marker()));
      ProcessInfo p = process(r, orphan).orElseThrow();
      // Adopted by init, or by a subreaper the machine runs (systemd --user, tini): either way
      // the middle process is gone and the orphan keeps the test's session.
      String adopter = p.ppid() == 1 ? "init"
          : process(r, p.ppid()).map(ProcessInfo::name).orElse("?");
      assertTrue(p.ppid() == 1 || rules.subreapers().contains(adopter), "adopted by " + adopter);
      assertTrue(categories(findingsFor(r, orphan)).contains("orphan"),
          "findings: " + findingsFor(r, orphan));
    }
  }

  @Test
  void orphanAdoptedBySubreaperCountsOnlyWhenTheSubreaperIsKnown() throws Exception {
    try (Fixture f = Fixture.start("orphan", true)) {
      int orphan = f.pid("orphan");
      ScanResult known = scan(TestRules.shippedPlus(FIXTURE_SUBREAPER), Duration.ZERO,
          under(f.reaperPid()));
      assertEquals(f.reaperPid(), process(known, orphan).orElseThrow().ppid());
      Finding finding = findingsFor(known, orphan).stream()
          .filter(x -> categories(List.of(x)).contains("orphan")).findFirst().orElseThrow();
      assertEquals(Boolean.TRUE, finding.evidence().get("reparented"));

      ScanResult unknown = scan(TestRules.shippedPlus(), Duration.ZERO, under(f.reaperPid()));
      assertFalse(categories(findingsFor(unknown, orphan)).contains("orphan"),
          "a child of an unknown parent is not an orphan");
    }
  }

  @Test
  void listenerInheritedByAChildThatOutlivesItsParent() throws Exception {
    try (Fixture f = Fixture.start("listener", true)) {
      int holder = f.pid("holder");
      int port = Integer.parseInt(f.value("port"));
      ScanResult r = scan(TestRules.shippedPlus(FIXTURE_SUBREAPER), Duration.ZERO,
          under(f.reaperPid()));
      assertTrue(r.snapshot().listeners().stream()
              .anyMatch(l -> l.port() == port && Integer.valueOf(holder).equals(l.pid())),
          "listener on " + port + " held by " + holder + " in " + r.snapshot().listeners());
      assertFalse(process(r, f.pid("opener")).isPresent(), "the opener has exited");
      List<Finding> fs = findingsFor(r, holder);
      Finding stale = fs.stream().filter(x -> x.matched("stale-listener-orphan"))
          .findFirst().orElseThrow(() -> new AssertionError("findings: " + fs));
      assertEquals(Boolean.TRUE, stale.evidence().get("tree_listening"));
    }
  }

  @Test
  void cpuSpinnerIsFoundByACpuPercentRuleOverATwoSecondSample() throws Exception {
    try (Fixture f = Fixture.start("spinner", true)) {
      int spinner = f.pid("spinner");
      String rule = "version: 1\nrules:\n  - id: test-spinner\n    category: hung\n"
          + "    severity: high\n    when: { cpu_percent: { gte: 10 } }\n";
      RuleSet rules = TestRules.shippedPlus(rule);
      ScanResult sampled = scan(rules, Duration.ofSeconds(2), pids(spinner));
      // The window is never shorter than asked; on a loaded machine it may run longer.
      assertTrue(sampled.sampleMs() >= 1900, "sample " + sampled.sampleMs() + " ms");
      Finding found = findingsFor(sampled, spinner).stream()
          .filter(x -> x.matched("test-spinner")).findFirst()
          .orElseThrow(() -> new AssertionError("findings: " + findingsFor(sampled, spinner)));
      double pct = (Double) found.evidence().get("cpu_percent");
      // A spinner gets a full core on an idle machine; with 2 cores shared by a parallel build it
      // was seen at 40%. What matters is that a rule reads a measured, bounded value.
      assertTrue(pct >= 10 && pct <= 110, "cpu_percent " + pct);

      ScanResult unsampled = scan(rules, Duration.ZERO, pids(spinner));
      assertTrue(findingsFor(unsampled, spinner).stream()
          .noneMatch(x -> x.matched("test-spinner")), "no sample, no cpu_percent");
    }
  }

  @Test
  void stoppedProcessIsFound() throws Exception {
    try (Fixture f = Fixture.start("stopped", true)) {
      int stopped = f.pid("stopped");
      Fixture.awaitState(stopped, 'T');
      ScanResult r = scan(TestRules.shippedPlus(), Duration.ZERO, pids(stopped));
      assertEquals(ProcState.STOPPED, process(r, stopped).orElseThrow().state());
      assertTrue(findingsFor(r, stopped).stream().anyMatch(x -> x.matched("stopped")),
          "findings: " + findingsFor(r, stopped));
    }
  }

  @Test
  void nameThatLooksLikeStatFieldsIsReadWholeAndIsNoZombie() throws Exception {
    try (Fixture f = Fixture.start("weird-name", true)) {
      int weird = f.pid("weird");
      ScanResult r = scan(TestRules.shippedPlus(), Duration.ZERO, pids(weird));
      ProcessInfo p = process(r, weird).orElseThrow();
      assertEquals("x) Z 1 1", p.name());
      // Just started, it may still be on a CPU; what matters is that the "Z" in its name is
      // not taken for its state.
      assertTrue(p.state() == ProcState.SLEEPING || p.state() == ProcState.RUNNING,
          p.state().label());
      assertEquals((int) f.reaperPid(), p.ppid());
      assertTrue(findingsFor(r, weird).isEmpty(), "findings: " + findingsFor(r, weird));
    }
  }

  @Test
  void setsidDaemonIsNotAnOrphan() throws Exception {
    try (Fixture f = Fixture.start("setsid-daemon", true)) {
      int daemon = f.pid("daemon");
      ScanResult r = scan(TestRules.shippedPlus(FIXTURE_SUBREAPER), Duration.ZERO,
          under(f.reaperPid()));
      ProcessInfo p = process(r, daemon).orElseThrow();
      assertEquals(daemon, (int) p.sid(), "own session leader");
      assertEquals(f.reaperPid(), p.ppid(), "reparented to the subreaper");
      assertFalse(categories(findingsFor(r, daemon)).contains("orphan"));
    }
  }

  @Test
  void childOfALiveParentIsNotAnOrphan() throws Exception {
    try (Fixture f = Fixture.start("live-parent", true)) {
      int child = f.pid("child");
      ScanResult r = scan(TestRules.shippedPlus(), Duration.ZERO, under(f.reaperPid()));
      assertEquals(f.pid("parent"), process(r, child).orElseThrow().ppid());
      assertTrue(findingsFor(r, child).isEmpty(), "findings: " + findingsFor(r, child));
    }
  }

  @Test
  void initsOwnChildrenInSessionZeroAreNotOrphans() throws Exception {
    ScanResult r = scan(TestRules.shippedPlus(), Duration.ZERO, Scope.ALL);
    List<ProcessInfo> initChildren = r.snapshot().processes().stream()
        .filter(p -> p.ppid() == 1 && Integer.valueOf(0).equals(p.sid()))
        .collect(Collectors.toList());
    for (ProcessInfo p : initChildren) {
      assertFalse(categories(findingsFor(r, p.pid())).contains("orphan"), p.toString());
    }
  }

  @Test
  void scanNeverReportsItselfOrItsAncestors() throws Exception {
    ScanResult r = scan(TestRules.shippedPlus(), Duration.ZERO, Scope.ALL);
    long self = ProcessHandle.current().pid();
    Set<Integer> pids = r.snapshot().processes().stream().map(ProcessInfo::pid)
        .collect(Collectors.toSet());
    assertFalse(pids.contains((int) self));
    ProcessHandle.current().parent().ifPresent(p -> {
      if (p.pid() != 1) {
        assertFalse(pids.contains((int) p.pid()), "parent " + p.pid());
      }
    });
    for (Listener l : r.snapshot().listeners()) {
      assertFalse(Integer.valueOf((int) self).equals(l.pid()));
    }
  }
}
