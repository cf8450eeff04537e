package io.procsweep.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.cleanup.KeepReason;
import io.procsweep.cleanup.PlannerContext;
import io.procsweep.explain.Explanation.PlanVerdict;
import io.procsweep.explain.Explanation.Relative;
import io.procsweep.explain.Explanation.RuleVerdict;
import io.procsweep.facts.FactDeriver;
import io.procsweep.facts.FactRegistry;
import io.procsweep.report.ExplainJsonWriter;
import io.procsweep.report.ExplainText;
import io.procsweep.rules.RuleSet;
import io.procsweep.scan.Scanner;
import io.procsweep.snapshot.HostInfo;
import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.snapshot.SnapshotSource;
import io.procsweep.testing.TestRules;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The explain stage without the CLI, on a hand-built snapshot with the shipped rules: a server
 * adopted by init out of a session whose leader is gone, holding port 3000 together with the
 * child that inherited the socket. The explaining procsweep runs as uid 2000, so safe mode may
 * not touch alice's server; forced mode may.
 */
class ExplainerTest {
  private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
  private static final long STARTED = NOW.toEpochMilli() - 3_600_000;
  /** A name that would clear the screen if printed raw. */
  private static final String EVIL = "work\u001b[2Jer";

  private static ProcessInfo proc(int pid, int ppid, String name, int sid) {
    return new ProcessInfo(pid, ppid, name, "/usr/bin/" + name, List.of(name, "--serve"),
        "alice", 1000, ProcState.SLEEPING, STARTED, 10, 10, 1L << 20, 1, pid, sid, null,
        "/user.slice/user-1000.slice/session-3.scope", false, "/home/alice/project",
        List.of("pipe", "pipe", "pipe"), 4026531836L, null);
  }

  private static Explainer explainer() throws Exception {
    List<ProcessInfo> ps = new ArrayList<>();
    ps.add(new ProcessInfo(1, 0, "systemd", "/sbin/init", List.of("/sbin/init"), "root", 0,
        ProcState.SLEEPING, STARTED - 1000, 1, 1, 1L, 1, 1, 1, null, "/init.scope", false));
    ps.add(proc(300, 1, "server", 250)); // session 250's leader is gone
    ps.add(proc(301, 300, EVIL, 250));
    List<Listener> ls = List.of(new Listener("tcp", "0.0.0.0", 3000, 300, 77L),
        new Listener("tcp", "0.0.0.0", 3000, 301, 77L));
    Snapshot snapshot = new Snapshot(NOW, "test", new HostInfo("h", "linux", "6", 0, 2), ps, ls,
        List.of());
    SnapshotSource source = new SnapshotSource() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public Snapshot read(boolean withListeners) {
        return snapshot;
      }
    };
    RuleSet rules = TestRules.shippedPlus();
    FactRegistry facts = FactRegistry.standard();
    FactDeriver deriver = new FactDeriver(facts, new HashSet<>(rules.subreapers()), "linux");
    Scanner scanner = new Scanner(source, rules, deriver, Clock.fixed(NOW, ZoneOffset.UTC),
        d -> { });
    PlannerContext ctx = new PlannerContext(999, Set.of(998), 2000, "bob", Set.of(), List.of(),
        false, "linux", NOW);
    return new Explainer(scanner, deriver, rules, facts, ctx, Duration.ofSeconds(5));
  }

  private static RuleVerdict rule(Explanation e, String id) {
    return e.rules().stream().filter(v -> v.check().rule().id().equals(id)).findFirst()
        .orElseThrow();
  }

  @Test
  void explainsTheServerItsSocketItsFamilyItsRulesAndItsPlan() throws Exception {
    ExplainReport r = explainer().process(300, Duration.ZERO).orElseThrow();
    assertNull(r.port());
    assertEquals(1, r.explanations().size());
    Explanation e = r.explanations().get(0);

    assertEquals(300, e.process().pid());
    assertEquals(FactRegistry.standard().all().size(), e.facts().size());
    assertEquals("pid", e.facts().get(0).name());
    assertEquals(1, e.sockets().size());
    assertEquals(3000, e.sockets().get(0).port());
    assertEquals(List.of(new Relative(300, "server"), new Relative(301, EVIL)),
        e.sockets().get(0).holders());
    assertEquals(List.of(3000), e.treeSockets().stream().map(Explanation.Socket::port).toList());
    assertEquals(List.of(new Relative(1, "systemd")), e.ancestors());
    assertEquals(List.of(new Relative(301, EVIL)), e.children());
    assertEquals(250, e.placement().sid());
    assertNull(e.placement().sessionLeader());
    assertEquals(Boolean.FALSE, e.placement().sessionLeaderAlive());

    assertTrue(rule(e, "stale-listener-orphan").check().matched());
    assertEquals(Boolean.TRUE, rule(e, "stale-listener-orphan").evidence().get("reparented"));
    assertEquals("state: zombie — was sleeping",
        rule(e, "zombie").check().whenFailed().sentence());

    PlanVerdict safe = e.plans().get(0);
    PlanVerdict forced = e.plans().get(1);
    assertEquals("none (other-user): owned by alice (uid 1000), not the current user",
        ExplainText.planSummary(safe));
    assertEquals(KeepReason.OTHER_USER, safe.protection().reason());
    assertEquals("kill-tree", forced.action().kind());
    assertNull(forced.protection());
    assertTrue(ExplainText.planSummary(forced).startsWith("kill-tree: SIGTERM, wait 5s,"),
        ExplainText.planSummary(forced));
  }

  @Test
  void initIsProtectedWhetherOrNotARuleMatches() throws Exception {
    Explanation e = explainer().process(1, Duration.ZERO).orElseThrow().explanations().get(0);
    assertTrue(e.rules().stream().noneMatch(v -> v.check().matched()));
    for (PlanVerdict p : e.plans()) {
      assertNull(p.action());
      assertEquals(KeepReason.INIT, p.protection().reason());
      assertEquals("nothing: no rule matched; a rule that did would be refused (init): pid 1 is"
          + " init", ExplainText.planSummary(p));
    }
  }

  @Test
  void aPortIsExplainedThroughEachHolder() throws Exception {
    ExplainReport r = explainer().port(3000, Duration.ZERO);
    assertEquals(3000, r.port());
    assertNull(r.note());
    assertEquals(List.of(300, 301),
        r.explanations().stream().map(x -> x.process().pid()).toList());

    ExplainReport free = explainer().port(3001, Duration.ZERO);
    assertEquals("nobody holds a listening socket on port 3001", free.note());
    assertTrue(free.explanations().isEmpty());
  }

  @Test
  void aPidNoProcessHasIsNoExplanation() throws Exception {
    assertTrue(explainer().process(4242, Duration.ZERO).isEmpty());
  }

  @Test
  void theTextFitsEightyColumnsAndEscapesProcessText() throws Exception {
    ExplainReport r = explainer().port(3000, Duration.ZERO);
    StringWriter out = new StringWriter();
    new ExplainText(80).write(r, out);
    String text = out.toString();
    assertFalse(text.contains("\u001b"), text);
    assertTrue(text.contains("301 (work\\e[2Jer)"), text);
    for (String line : text.split("\n")) {
      assertTrue(line.length() <= 80, "longer than 80: " + line);
    }
    assertTrue(text.startsWith("port 3000 is held by 2 processes: 300 (server), 301 (work\\e"),
        text);

    StringWriter json = new StringWriter();
    new ExplainJsonWriter().write(r, json);
    assertFalse(json.toString().contains("\u001b"), "JSON escapes ESC too");
  }
}
