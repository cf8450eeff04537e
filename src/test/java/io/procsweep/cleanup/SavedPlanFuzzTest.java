package io.procsweep.cleanup;

import static io.procsweep.cleanup.ScriptedHost.execute;
import static io.procsweep.cleanup.ScriptedHost.fresh;
import static io.procsweep.cleanup.ScriptedHost.verify;
import static io.procsweep.cleanup.ScriptedHost.world;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.cleanup.ScriptedHost.Run;
import io.procsweep.cleanup.ScriptedHost.Table;
import io.procsweep.platform.Signal;
import io.procsweep.report.PlanJsonWriter;
import io.procsweep.report.TerminalText;
import io.procsweep.rules.Severity;
import io.procsweep.testing.Bounded;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Issue 6, acceptance 2: saved plans are untrusted input. Real plans ({@link SamplePlans},
 * written by {@link PlanJsonWriter}) are mutated as bytes and as JSON trees; every mutant is
 * either refused by {@link PlanJsonReader} with one sentence, or read and then carried out
 * against a scripted process table, where every signal that gets through must be one the
 * {@link Policy} allows on the process as it was when it was signalled.
 *
 * <p>Each readable mutant is carried out twice: reconciled with a fresh plan (what {@code clean
 * --plan} does), and as read, unreconciled, against a table rewritten to agree with whatever the
 * plan claims (pid 1 named "cc1", another user's process, procsweep itself): there only the
 * executor's last-moment policy check stands between the plan and a signal. Pid-file removals
 * are left out of both runs: their paths are the real file system (PidFilesTest covers them),
 * and reconciliation may only keep the fresh plan's own, which this test checks instead.
 */
class SavedPlanFuzzTest {
  /** Far above a normal try (milliseconds): fires only on a real hang. */
  private static final Duration BOUND = Duration.ofSeconds(20);

  /** Far longer than any real grace period, short enough for the fake clock to run through. */
  static final long MAX_WAIT_MS = 60_000;

  private static Path scratch;

  @AfterContainer
  static void removeScratch() throws IOException {
    if (scratch != null) {
      Files.deleteIfExists(scratch.resolve("plan.json"));
      Files.deleteIfExists(scratch);
    }
  }

  @Provide
  Arbitrary<PlanMutants.TextMutant> textMutants() {
    return PlanMutants.textMutants();
  }

  @Provide
  Arbitrary<PlanMutants.TreeMutant> treeMutants() {
    return PlanMutants.treeMutants();
  }

  @Provide
  Arbitrary<ScriptedHost.Change> changes() {
    return Combinators.combine(Arbitraries.of(ScriptedHost.Drift.class),
        Arbitraries.integers().between(0, 63)).as(ScriptedHost.Change::new);
  }

  @Property(tries = 800)
  void mutatedPlanFilesAreRefusedOrCarriedOutWithinPolicy(
      @ForAll("textMutants") PlanMutants.TextMutant m,
      @ForAll("changes") ScriptedHost.Change change) throws IOException {
    byte[] bytes = PlanMutants.apply(m);
    Path file = scratchFile();
    Files.write(file, bytes);
    record(check(m + " " + change, () -> new PlanJsonReader().read(file), change));
  }

  @Property(tries = 1000)
  void mutatedPlanTreesAreRefusedOrCarriedOutWithinPolicy(
      @ForAll("treeMutants") PlanMutants.TreeMutant m,
      @ForAll("changes") ScriptedHost.Change change) throws IOException {
    String text = PlanMutants.apply(m);
    record(check(m + " " + change, () -> new PlanJsonReader().read(new StringReader(text),
        "plan.json"), change));
  }

  /** Tallies how mutants ended; a run where none is carried out, or none signals, fails. */
  private static void record(Result r) {
    Statistics.label("end").collect(r.end());
    Statistics.label("signals").collect(r.delivered() > 0 ? "some delivered" : "none delivered");
    if (r.rawText()) {
      Statistics.label("messages").collect("quotes plan text (escaped where printed)");
    }
    if (r.cappedWait()) {
      Statistics.label("waits").collect("capped to keep the unreconciled run short");
    }
    Statistics.label("end").coverage(c -> c.check(End.EXECUTED).count(n -> n > 0));
    Statistics.label("signals").coverage(c -> c.check("some delivered").count(n -> n > 0));
  }

  private static synchronized Path scratchFile() throws IOException {
    if (scratch == null) {
      scratch = Files.createTempDirectory("procsweep-planfuzz");
    }
    return scratch.resolve("plan.json");
  }

  /** How a mutant ended; collected so a run shows the properties were not vacuous. */
  enum End { REFUSED, MISMATCH, EXECUTED }

  /**
   * How one mutant ended, how many signals got through in its two runs, and whether its message
   * quoted plan text that needs escaping (the known bug in {@link #assertOneSentence}).
   */
  record Result(End end, int delivered, boolean rawText, boolean cappedWait) {
    Result(End end, int delivered, boolean rawText) {
      this(end, delivered, rawText, false);
    }
  }

  /** Reads, reconciles and carries out one mutant; fails on anything outside the promise. */
  static Result check(String what, Reading read) {
    return check(what, read, new ScriptedHost.Change(ScriptedHost.Drift.NONE, 0));
  }

  /** As above, with {@code change} made to the table after planning, before carrying out. */
  static Result check(String what, Reading read, ScriptedHost.Change change) {
    return Bounded.within(BOUND, what, () -> {
      Plan saved;
      try {
        saved = read.plan();
      } catch (PlanFormatException e) {
        return new Result(End.REFUSED, 0, assertOneSentence(what, e.getMessage()));
      }
      // 1. As read, against a table that agrees with everything it claims.
      Table raw = new Table(world());
      raw.agreeWith(saved);
      change.applyTo(raw, saved);
      Plan asRead = capWaits(withoutPidfileRemovals(saved));
      boolean capped = !asRead.equals(withoutPidfileRemovals(saved));
      Run first = execute(asRead, raw, Fixtures.policy(asRead.mode()));
      verify(what + " [unreconciled]", asRead, raw, first);

      // 2. As clean --plan carries it out: reconciled with a fresh plan in its own mode.
      Plan now = fresh(saved.mode());
      Table table = new Table(world());
      Plan agreed;
      try {
        agreed = SavedPlanCheck.reconcile(saved, now, now.host(), "linux", table::identity);
      } catch (SavedPlanCheck.Mismatch e) {
        return new Result(End.MISMATCH, raw.sent.size(),
            assertOneSentence(what, e.getMessage()), capped);
      }
      for (Action a : agreed.actions()) {
        // A saved plan can only narrow: what runs is the fresh plan's own action or a keep.
        assertTrue(a instanceof Keep || a instanceof KeepPidfile || now.actions().contains(a),
            what + ": reconciled action not in the fresh plan: " + a);
      }
      Plan runnable = withoutPidfileRemovals(agreed);
      change.applyTo(table, runnable);
      Run second = execute(runnable, table, Fixtures.policy(runnable.mode()));
      verify(what + " [reconciled]", runnable, table, second);
      return new Result(End.EXECUTED, raw.sent.size() + table.sent.size(), false, capped);
    });
  }

  /** The reader call under test: from text, or from a file of bytes. */
  @FunctionalInterface
  interface Reading {
    Plan plan() throws PlanFormatException, IOException;
  }

  /**
   * One non-empty line as the terminal shows it. Messages may quote the plan's own text (its
   * host, an unknown action's name); the CLI escapes every error sentence where it prints it
   * ({@link SavedPlanFuzzFindingsTest}), so this checks the escaped form and says whether
   * escaping was needed (the properties count those cases).
   */
  static boolean assertOneSentence(String what, String message) {
    assertTrue(message != null && !message.isBlank(), what + ": empty message");
    String shown = TerminalText.escape(message);
    assertFalse(shown.contains("\n") || shown.contains("\r"),
        what + ": message of more than one line: " + message);
    return !shown.equals(message);
  }

  /**
   * Keeps the unreconciled run short: a plan may hold waits up to {@link Step#MAX_WAIT_MS} (an
   * hour; more is refused, see {@link SavedPlanFuzzFindingsTest}), and the fake clock would
   * poll through every 50 ms of them.
   */
  static Plan capWaits(Plan p) {
    List<Action> out = new ArrayList<>();
    for (Action a : p.actions()) {
      List<Step> steps = a.steps().stream()
          .map(s -> s.waitMs() > MAX_WAIT_MS ? new Step(s.signal(), MAX_WAIT_MS) : s).toList();
      if (steps.equals(a.steps())) {
        out.add(a);
      } else if (a instanceof Terminate) {
        Terminate t = (Terminate) a;
        out.add(new Terminate(t.target(), t.cause(), steps, t.note()));
      } else if (a instanceof KillTree) {
        KillTree k = (KillTree) a;
        out.add(new KillTree(k.target(), k.cause(), steps, k.tree(), k.excluded(), k.note()));
      } else if (a instanceof SignalParent) {
        SignalParent s = (SignalParent) a;
        out.add(new SignalParent(s.target(), s.parent(), s.cause(), steps));
      } else if (a instanceof TerminateParent) {
        TerminateParent t = (TerminateParent) a;
        out.add(new TerminateParent(t.target(), t.parent(), t.cause(), steps, t.note()));
      } else {
        out.add(a);
      }
    }
    return new Plan(p.mode(), p.createdAt(), p.grace(), p.host(), p.platform(), out,
        p.ruleSets());
  }

  private static Plan withoutPidfileRemovals(Plan p) {
    return new Plan(p.mode(), p.createdAt(), p.grace(), p.host(), p.platform(),
        p.actions().stream().filter(a -> !(a instanceof RemovePidfile)).toList(), p.ruleSets());
  }

  // ---- the properties are not vacuous -------------------------------------------------------

  @Example
  void unmutatedPlansAreCarriedOutAndSignalSomething() {
    for (Mode m : Mode.values()) {
      String what = "unmutated " + m.label();
      assertEquals(End.EXECUTED, check(what, () -> new PlanJsonReader()
          .read(new StringReader(PlanMutants.base(m)), "plan.json")).end());
      Table t = new Table(world());
      Plan now = fresh(m);
      Plan runnable = withoutPidfileRemovals(now);
      verify(what, runnable, t, execute(runnable, t, Fixtures.policy(m)));
      assertFalse(t.sent.isEmpty(), what + ": the fresh plan signals nothing");
    }
  }

  @Example
  void theOracleObjectsToASignalThePolicyRefuses() {
    // An executor given a policy without protected names signals sshd; the check the
    // properties rely on must object, or they would prove nothing.
    Table t = new Table(world());
    Plan p = new Plan(Mode.FORCED, Fixtures.NOW, Fixtures.GRACE, "testhost", "linux",
        List.of(new Terminate(Target.of(ScriptedHost.SSHD), new Cause("orphan", "orphan",
            Severity.LOW), List.of(new Step(Signal.TERM, 100)), null)));
    Policy lax = Policy.of(Fixtures.rules(List.of(), List.of(), List.of()), Fixtures.linux(),
        Mode.FORCED, x -> true);
    Run run = execute(p, t, lax);
    assertEquals(List.of(Signal.TERM), t.sent.stream().map(Table.Sent::signal).toList());
    AssertionError e = assertThrows(AssertionError.class,
        () -> verify("lax", p, t, run));
    assertTrue(e.getMessage().contains("policy refuses"), e.getMessage());
  }
}
