package io.procsweep.cleanup;

import static io.procsweep.cleanup.Fixtures.ORPHAN;
import static io.procsweep.cleanup.Fixtures.ZOMBIE;
import static io.procsweep.cleanup.Fixtures.finding;
import static io.procsweep.cleanup.Fixtures.owner;
import static io.procsweep.cleanup.Fixtures.proc;
import static io.procsweep.cleanup.Fixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.procsweep.platform.ProcessControl;
import io.procsweep.platform.ProcessIdentity;
import io.procsweep.platform.Signal;
import io.procsweep.platform.SignalResult;
import io.procsweep.report.PlanJsonWriter;
import io.procsweep.report.TerminalText;
import io.procsweep.rules.CleanupAction;
import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.testing.Bounded;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
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

  private static final int OWN_PID = (int) ProcessHandle.current().pid();
  private static final int OWN_PARENT = ProcessHandle.current().parent()
      .map(h -> (int) h.pid()).orElse(1);
  private static final int THEIR_UID = 999;

  private static final Map<Mode, String> BASE = new EnumMap<>(Mode.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static Path scratch;

  static {
    for (Mode m : Mode.values()) {
      StringWriter out = new StringWriter();
      try {
        new PlanJsonWriter().write(SamplePlans.of(m), out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      BASE.put(m, out.toString());
    }
  }

  @AfterContainer
  static void removeScratch() throws IOException {
    if (scratch != null) {
      Files.deleteIfExists(scratch.resolve("plan.json"));
      Files.deleteIfExists(scratch);
    }
  }

  // ---- the world: SamplePlans' processes and the ones a hostile plan would aim at ----------

  private static final ProcessInfo INIT = proc(1, 0, "systemd");
  private static final ProcessInfo SELF = proc(Fixtures.SELF, Fixtures.SHELL, "java");
  private static final ProcessInfo SHELL = proc(Fixtures.SHELL, 1, "bash");
  private static final ProcessInfo SSHD = proc(5400, 1, "sshd");
  private static final ProcessInfo THEIRS = owner(proc(5300, 1, "postgres"), "postgres",
      THEIR_UID);

  /** Every process of the scripted table; the fresh plan is made from this snapshot. */
  static List<ProcessInfo> world() {
    ProcessInfo parent = proc(4100, 4000, "make");
    ProcessInfo zombie = state(proc(4242, 4100, "cc1"), ProcState.ZOMBIE);
    ProcessInfo initZombie = state(proc(4300, 1, "orphan-z"), ProcState.ZOMBIE);
    ProcessInfo evil = owner(proc(5000, 1, "evil\u001b]0;pwned\u0007\n\u202Eexe"), "alice",
        1000);
    ProcessInfo child = proc(5001, 5000, "worker");
    ProcessInfo sshdChild = proc(5002, 5000, "sshd");
    ProcessInfo unknownOwner = owner(proc(5100, 1, "node"), null, null);
    ProcessInfo vite = proc(5200, 1, "vite");
    return List.of(INIT, parent, zombie, initZombie, evil, child, sshdChild, unknownOwner, vite,
        SELF, SHELL, SSHD, THEIRS,
        owner(proc(5301, 5300, "pg-worker"), "postgres", THEIR_UID),
        state(proc(5302, 5300, "defunct"), ProcState.ZOMBIE), // its parent is another user's
        state(proc(5401, 5400, "sshd-session"), ProcState.ZOMBIE), // parent protected
        state(proc(7001, Fixtures.SELF, "jvm-child"), ProcState.ZOMBIE), // parent is procsweep
        Fixtures.kernelThread(2, "kthreadd"));
  }

  private static List<Finding> findings(List<ProcessInfo> world) {
    Map<Integer, ProcessInfo> byPid = world.stream()
        .collect(Collectors.toMap(ProcessInfo::pid, p -> p));
    CleanupSpec terminate = new CleanupSpec(CleanupAction.TERMINATE, CleanupAction.TERMINATE);
    List<Finding> out = new ArrayList<>();
    for (int pid : List.of(4242, 4300, 5302, 5401, 7001)) {
      out.add(finding("zombie", Severity.MEDIUM, byPid.get(pid), ZOMBIE));
    }
    out.add(finding("orphan", Severity.HIGH, byPid.get(5000), ORPHAN));
    out.add(finding("orphan", Severity.LOW, byPid.get(5100), ORPHAN));
    out.add(finding("hung", Severity.LOW, byPid.get(5200), terminate));
    for (int pid : List.of(1, 2, Fixtures.SELF, Fixtures.SHELL, 5300, 5400)) {
      out.add(finding("orphan", Severity.LOW, byPid.get(pid), ORPHAN));
    }
    return out;
  }

  /** The plan a fresh scan of the world makes now, as {@code clean --plan} does. */
  static Plan fresh(Mode mode) {
    StalePidfile stale = new StalePidfile(Path.of("/tmp/run/app.pid"), 31999,
        PidfileState.STALE_DEAD, 1000, "alice");
    StalePidfile theirs = new StalePidfile(Path.of("/tmp/run/root.pid"), null,
        PidfileState.STALE_GARBAGE, 0, "root");
    PlannerContext ctx = new PlannerContext(Fixtures.SELF, Set.of(Fixtures.SHELL, 1), 1000,
        "alice", Set.of(), List.of(stale, theirs), false, "linux", Fixtures.NOW);
    List<ProcessInfo> w = world();
    return new Planner().plan(Fixtures.scan(w, findings(w)), Fixtures.rules(), mode,
        Fixtures.GRACE, ctx);
  }

  // ---- the scripted process table --------------------------------------------------------

  /** The fake table, its procs by pid (to wire zombies to parents), and what got through. */
  static final class Table implements ProcessControl {
    final FakeControl fake = new FakeControl();
    final Map<Integer, FakeControl.Proc> procs = new HashMap<>();
    final List<Sent> sent = new ArrayList<>();
    int attempts;

    /** A signal that got through, with the process as it was right before. */
    record Sent(ProcessInfo before, Signal signal) {}

    Table(List<ProcessInfo> world) {
      for (ProcessInfo p : world) {
        put(Target.of(p), p.kernelThread());
      }
      for (ProcessInfo p : world) {
        if (p.state() == ProcState.ZOMBIE) {
          wireZombie(p.pid(), p.ppid());
        }
      }
    }

    /** Even pids die on SIGTERM, odd ones only on SIGKILL: both escalation paths are run. */
    void put(Target t, boolean kernelThread) {
      FakeControl.Proc p = fake.add(t);
      p.uid = t.uid();
      p.user = t.user();
      p.zombie = t.state() == ProcState.ZOMBIE;
      p.stopped = t.state() == ProcState.STOPPED;
      p.kernelThread = kernelThread;
      if (t.pid() % 2 == 0) {
        p.diesOn(Signal.TERM, Signal.KILL);
      } else {
        p.diesOn(Signal.KILL);
      }
      procs.put(t.pid(), p);
    }

    /** A parent reaps its zombie on SIGCHLD; when the parent dies, init reaps it. */
    void wireZombie(int zombie, int parent) {
      FakeControl.Proc pp = procs.get(parent);
      if (pp != null) {
        pp.hooks.put(Signal.CHLD, () -> fake.remove(zombie));
        Runnable before = pp.onDeath;
        pp.onDeath = () -> {
          before.run();
          fake.remove(zombie);
        };
      }
    }

    /** Rewrites the table to agree with every process {@code plan} names. */
    void agreeWith(Plan plan) {
      for (Action a : plan.actions()) {
        for (Target t : named(a)) {
          if (!fake.identity(t.pid()).equals(Optional.of(t.identity()))) {
            put(t, false);
          }
        }
      }
    }

    @Override
    public SignalResult signal(ProcessIdentity target, Signal signal) {
      attempts++;
      Optional<ProcessInfo> before = fake.process(target.pid());
      SignalResult r = fake.signal(target, signal);
      if (r == SignalResult.SENT) {
        sent.add(new Sent(before.orElseThrow(), signal));
      }
      return r;
    }

    @Override
    public Optional<ProcessIdentity> identity(int pid) {
      return fake.identity(pid);
    }

    @Override
    public boolean alive(ProcessIdentity target) {
      return fake.alive(target);
    }

    @Override
    public Optional<Integer> currentUid() {
      return fake.currentUid();
    }

    @Override
    public String mechanism() {
      return "fake";
    }
  }

  /** Every process an action names: target, tree, excluded members, zombie's parent. */
  static List<Target> named(Action a) {
    List<Target> out = new ArrayList<>();
    if (a instanceof Keep) {
      out.add(((Keep) a).target());
    } else if (a instanceof Terminate) {
      out.add(((Terminate) a).target());
    } else if (a instanceof KillTree) {
      KillTree k = (KillTree) a;
      out.addAll(k.tree());
      k.excluded().forEach(e -> out.add(e.process()));
    } else if (a instanceof SignalParent) {
      out.add(((SignalParent) a).target());
      out.add(((SignalParent) a).parent());
    } else if (a instanceof TerminateParent) {
      out.add(((TerminateParent) a).target());
      out.add(((TerminateParent) a).parent());
    }
    return out;
  }

  /** The roles in which a plan may have the executor signal each pid. */
  static Map<Integer, Set<Policy.Role>> roles(Plan plan) {
    Map<Integer, Set<Policy.Role>> out = new HashMap<>();
    for (Action a : plan.actions()) {
      if (a instanceof Terminate) {
        role(out, ((Terminate) a).target(), Policy.Role.TARGET);
      } else if (a instanceof KillTree) {
        KillTree k = (KillTree) a;
        for (Target t : k.tree()) {
          role(out, t, t.equals(k.target()) ? Policy.Role.TARGET : Policy.Role.TREE_MEMBER);
        }
      } else if (a instanceof SignalParent) {
        role(out, ((SignalParent) a).parent(), Policy.Role.ZOMBIE_PARENT);
      } else if (a instanceof TerminateParent) {
        role(out, ((TerminateParent) a).parent(), Policy.Role.ZOMBIE_PARENT);
      }
    }
    return out;
  }

  private static void role(Map<Integer, Set<Policy.Role>> m, Target t, Policy.Role r) {
    m.computeIfAbsent(t.pid(), k -> new HashSet<>()).add(r);
  }

  /** Far longer than any real grace period, short enough for the fake clock to run through. */
  static final long MAX_WAIT_MS = 60_000;

  /**
   * Known bug, kept visible in {@link SavedPlanFuzzBugsTest}: PlanJsonReader accepts any
   * non-negative {@code waitMs}, and the executor's poller then waits it out: near
   * Long.MAX_VALUE it never returns (its deadline overflows). Not reachable through {@code clean
   * --plan}, whose reconciliation replaces every saved step with the fresh plan's, but the
   * unreconciled run here would hang; so, until fixed, its waits are capped (and counted).
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

  // ---- the property's body ------------------------------------------------------------------

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

  /** One execution: its outcome and audit lines. */
  record Run(Outcome outcome, MemoryAudit audit) {}

  static Run execute(Plan plan, Table table, Policy policy) {
    MemoryAudit audit = new MemoryAudit();
    FakeClock clock = new FakeClock(Fixtures.NOW);
    Outcome outcome = new Executor(table, table.fake, policy, audit, clock, clock.sleeper())
        .run(plan);
    return new Run(outcome, audit);
  }

  /**
   * The promise, checked on what the table recorded: exit 0 or 4, an intent line before every
   * signal tried, never SIGKILL or SIGSTOP in safe mode, and every signal delivered one the
   * test policy allows on the process as it was, in a role the plan gives it.
   */
  static void verify(String what, Plan plan, Table table, Run run) {
    Policy policy = Fixtures.policy(plan.mode());
    int code = run.outcome().exitCode();
    assertTrue(code == 0 || code == Outcome.INCOMPLETE, what + ": exit code " + code);
    assertEquals(table.attempts, run.audit().intents().size(),
        what + ": every signal tried needs its intent line first");
    Map<Integer, Set<Policy.Role>> roles = roles(plan);
    boolean hasTree = plan.actions().stream().anyMatch(a -> a instanceof KillTree);
    Set<Integer> signalled = new HashSet<>();
    for (Table.Sent s : table.sent) {
      ProcessInfo p = s.before();
      if (s.signal() == Signal.CONT && signalled.contains(p.pid())) {
        // A thaw of what this run itself stopped or TERMed; any other SIGCONT (a plan step
        // may name one) is a signal like the rest, checked below.
        continue;
      }
      if (plan.mode() == Mode.SAFE) {
        assertFalse(s.signal() == Signal.KILL || s.signal() == Signal.STOP,
            what + ": safe mode sent " + s.signal().label() + " to " + p.pid());
      }
      Set<Policy.Role> as = roles.get(p.pid());
      if (as == null) {
        // Only a kill-tree may reach a process the plan does not name (a late child).
        assertTrue(hasTree, what + ": " + s.signal().label() + " to pid " + p.pid()
            + ", which the plan does not name");
        as = Set.of(Policy.Role.TREE_MEMBER);
      }
      List<String> refusals = new ArrayList<>();
      for (Policy.Role r : as) {
        policy.maySignal(p, r, s.signal()).ifPresent(no -> refusals.add(r + ": " + no));
      }
      if (refusals.size() == as.size()) {
        fail(what + ": " + s.signal().label() + " delivered to " + p.pid() + " (" + p.name()
            + ", uid " + p.uid() + ") although the policy refuses it " + refusals);
      }
      signalled.add(p.pid());
    }
  }

  /**
   * One non-empty line. Known bug, kept visible in {@link SavedPlanFuzzBugsTest}: messages quote
   * the plan's own text (its host, an unknown action's name) without escaping it, so a plan can
   * put a newline or a terminal escape into what the user reads. Until that is fixed this
   * checks the message as a terminal would have to show it (escaped), and says whether it had
   * to be escaped (the properties count those cases).
   */
  static boolean assertOneSentence(String what, String message) {
    assertTrue(message != null && !message.isBlank(), what + ": empty message");
    String shown = TerminalText.escape(message);
    assertFalse(shown.contains("\n") || shown.contains("\r"),
        what + ": message of more than one line: " + message);
    return !shown.equals(message);
  }

  // ---- text mutants: bytes of a written plan, read through a file ---------------------------

  enum TextKind { TRUNCATE, GARBAGE, TOKEN, DELETE, DUPLICATE, REPLACE, NEST, OVERSIZE }

  /** One edit; its ints pick positions and values (taken modulo what there is to pick). */
  record TextEdit(TextKind kind, int a, int b, int c) {}

  record TextMutant(Mode base, List<TextEdit> edits) {}

  private static final List<String> TOKENS = List.of("{", "}", "[", "]", ",", ":", "\"", "\\",
      "\u0000", "\uFEFF", "//", "/*", "NaN", "Infinity", "-0", "1e999999", "\"mode\": \"forced\",",
      "\"host\": null,", "\"mode\":\"safe\",\"mode\":\"forced\",", "\"extra\": 1,", "\ud800",
      "\u001b]0;x\u0007", "\t", "\r\n", "null", "true");

  /** Strings and numbers in a plan, and what each may become. */
  private static final List<String> REPLACEMENTS = List.of("\"forced\"", "\"safe\"",
      "\"SIGKILL\"", "\"SIGSTOP\"", "\"SIGCONT\"", "\"SIGHUP\"", "\"windows\"", "\"macos\"",
      "\"sshd\"", "\"systemd\"", "\"\"", "null", "0", "1", "-1", "2147483648",
      "9223372036854775808", "1.5", "1e3", String.valueOf(OWN_PID), String.valueOf(OWN_PARENT),
      "7000", "6990", "5400", "5300", "\"kill-tree\"", "\"terminate\"", "\"none\"",
      "\"remove-pidfile\"", "{}", "[]", "\"a\\nb\"", "\"\\u001b[2J\"");

  @Provide
  Arbitrary<TextMutant> textMutants() {
    Arbitrary<TextEdit> edit = Combinators.combine(Arbitraries.of(TextKind.class),
        Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers().between(0, 255),
        Arbitraries.integers().between(0, 64)).as(TextEdit::new);
    return Combinators.combine(Arbitraries.of(Mode.class), edit.list().ofMinSize(1).ofMaxSize(3))
        .as(TextMutant::new);
  }

  static byte[] apply(TextMutant m) {
    byte[] b = BASE.get(m.base()).getBytes(StandardCharsets.UTF_8);
    for (TextEdit e : m.edits()) {
      b = apply(b, e);
    }
    return b;
  }

  private static byte[] apply(byte[] b, TextEdit e) {
    int at = b.length == 0 ? 0 : e.a() % (b.length + 1);
    switch (e.kind()) {
      case TRUNCATE:
        return Arrays.copyOf(b, at);
      case GARBAGE: {
        byte[] junk = new byte[1 + e.c() % 8];
        for (int i = 0; i < junk.length; i++) {
          junk[i] = (byte) (e.b() * (i + 31) + e.c() * i);
        }
        return splice(b, at, at, junk);
      }
      case TOKEN:
        return splice(b, at, at, utf8(TOKENS.get(e.b() % TOKENS.size())));
      case DELETE:
        return splice(b, at, Math.min(b.length, at + 1 + e.c()), new byte[0]);
      case DUPLICATE: {
        int end = Math.min(b.length, at + 1 + e.c() * 4);
        return splice(b, end, end, Arrays.copyOfRange(b, at, end));
      }
      case REPLACE:
        return replaceValue(b, e.a(), REPLACEMENTS.get(e.b() % REPLACEMENTS.size()));
      case NEST: {
        int depth = List.of(1, 8, 15, 16, 17, 64, 1000, 100_000).get(e.c() % 8);
        return utf8("[".repeat(depth) + new String(b, StandardCharsets.UTF_8)
            + "]".repeat(depth));
      }
      case OVERSIZE: {
        // Past the reader's caps: a 65 KiB string, or a file over 4 MiB.
        int pad = e.c() % 2 == 0 ? 65 * 1024 : PlanJsonReader.MAX_BYTES;
        return replaceValue(b, e.a(), "\"" + "x".repeat(pad) + "\"");
      }
      default:
        throw new AssertionError(e.kind());
    }
  }

  /** Replaces the n-th JSON value token ("...", a number, true/false/null) in the text. */
  private static byte[] replaceValue(byte[] b, int n, String with) {
    String s = new String(b, StandardCharsets.UTF_8);
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile(":\\s*(\"(?:[^\"\\\\]++|\\\\.)*+\"|-?[0-9][0-9.eE+-]*|true|false|null)").matcher(s);
    List<int[]> spans = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(1), m.end(1)});
    }
    if (spans.isEmpty()) {
      return b;
    }
    int[] span = spans.get(n % spans.size());
    return utf8(s.substring(0, span[0]) + with + s.substring(span[1]));
  }

  private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
    byte[] out = new byte[b.length - (to - from) + insert.length];
    System.arraycopy(b, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(b, to, out, from + insert.length, b.length - to);
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Property(tries = 800)
  void mutatedPlanFilesAreRefusedOrCarriedOutWithinPolicy(@ForAll("textMutants") TextMutant m)
      throws IOException {
    byte[] bytes = apply(m);
    Path file = scratchFile();
    Files.write(file, bytes);
    record(check(m.toString(), () -> new PlanJsonReader().read(file)));
  }

  /** Tallies how mutants ended; a run where none is carried out, or none signals, fails. */
  private static void record(Result r) {
    Statistics.label("end").collect(r.end());
    Statistics.label("signals").collect(r.delivered() > 0 ? "some delivered" : "none delivered");
    if (r.rawText()) {
      Statistics.label("known bug").collect("plan text quoted raw in a message");
    }
    if (r.cappedWait()) {
      Statistics.label("known bug").collect("huge waitMs capped in the unreconciled run");
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

  // ---- tree mutants: the JSON tree edited, keys duplicated or renamed, values swapped -------

  enum TreeKind {
    DROP, DUPLICATE, RENAME, SET, NEST,
    FLIP_MODE, PLATFORM, HOST, ESCALATE, ALL_PIDS, ALL_NAMES, ALL_OWNERS, ALL_KINDS, RETARGET,
    REPARENT, GRAFT
  }

  /** One edit; {@code a} picks the node, {@code b} and {@code c} what it becomes. */
  record TreeEdit(TreeKind kind, int a, int b, int c) {}

  record TreeMutant(Mode base, List<TreeEdit> edits) {}

  private static final List<String> KEYS = List.of("schema", "mode", "createdAt", "graceMs",
      "host", "platform", "ruleSets", "actions", "action", "target", "pidfile", "finding",
      "steps", "processes", "excluded", "reason", "detail", "note", "description", "pid",
      "startTime", "startTimeMs", "name", "user", "uid", "state", "signal", "waitMs", "rule",
      "Mode", "mode ", "host\u0000", "", "__proto__");

  /** Values a node may become; {@code "raw:..."} is spliced into the text as is. */
  private static final List<String> VALUES = List.of("raw:0", "raw:1", "raw:-1",
      "raw:2147483647", "raw:2147483648", "raw:-2147483649", "raw:9223372036854775807",
      "raw:99999999999999999999999", "raw:1e400", "raw:1.5", "raw:-0", "raw:NaN",
      "raw:" + OWN_PID, "raw:" + OWN_PARENT, "raw:7000", "raw:6990", "raw:5400", "raw:5300",
      "raw:5002", "raw:null", "raw:true", "raw:{}", "raw:[]", "raw:[[[[]]]]",
      "sshd", "systemd", "init", "", "safe", "forced", "SAFE", "windows", "macos", "linux",
      "other", "SIGKILL", "SIGSTOP", "SIGCONT", "SIGTERM", "SIGCHLD", "SIGHUP", "9",
      "zombie", "running", "stopped", "disk-sleep", "kill-tree", "terminate", "none",
      "signal-parent", "terminate-parent", "remove-pidfile", "testhost", "otherhost", "root",
      "postgres", "alice", "2026-11-21T12:00:00.000Z", "yesterday", "\u001b[31m", "a\nb",
      "procsweep/plan/v1", "procsweep/plan/v2", "/tmp/run/app.pid", "/etc/passwd");

  private static final List<String> SIGNALS = List.of("SIGKILL", "SIGSTOP", "SIGCONT",
      "SIGTERM", "SIGCHLD");

  /** Processes a hostile plan would aim at, each exactly as the table has it. */
  private static final List<ProcessInfo> AIMS = List.of(INIT, SELF, SHELL, SSHD, THEIRS,
      Fixtures.kernelThread(2, "kthreadd"), owner(proc(5100, 1, "node"), null, null),
      proc(5002, 5000, "sshd"));

  @Provide
  Arbitrary<TreeMutant> treeMutants() {
    Arbitrary<TreeEdit> edit = Combinators.combine(Arbitraries.of(TreeKind.class),
        Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers().greaterOrEqual(0),
        Arbitraries.integers().between(0, 7)).as(TreeEdit::new);
    return Combinators.combine(Arbitraries.of(Mode.class), edit.list().ofMinSize(1).ofMaxSize(4))
        .as(TreeMutant::new);
  }

  /** A tree being edited, with the text that replaces each placeholder when it is written. */
  static final class Editing {
    final ObjectNode root;
    final Map<String, String> splices = new LinkedHashMap<>();

    Editing(ObjectNode root) {
      this.root = root;
    }

    /** A placeholder string value or key, written out as {@code text} verbatim. */
    String placeholder(String text) {
      String key = "@@splice" + splices.size() + "@@";
      splices.put(key, text);
      return key;
    }

    JsonNode value(String v) {
      return v.startsWith("raw:") ? NODES.textNode(placeholder(v.substring(4)))
          : NODES.textNode(v);
    }

    String text() throws IOException {
      String s = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
      // Newest first: a later splice (a nested value) may hold an earlier placeholder.
      List<String> keys = new ArrayList<>(splices.keySet());
      for (int i = keys.size() - 1; i >= 0; i--) {
        s = s.replace("\"" + keys.get(i) + "\"", splices.get(keys.get(i)));
      }
      return s;
    }
  }

  /** A place in the tree: a field of an object or an element of an array. */
  record Slot(JsonNode container, String field, int index) {
    JsonNode get() {
      return field != null ? container.get(field) : container.get(index);
    }

    void set(JsonNode v) {
      if (field != null) {
        ((ObjectNode) container).set(field, v);
      } else {
        ((ArrayNode) container).set(index, v);
      }
    }
  }

  private static List<Slot> slots(JsonNode n) {
    List<Slot> out = new ArrayList<>();
    if (n.isObject()) {
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        out.add(new Slot(n, f, -1));
        out.addAll(slots(n.get(f)));
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        out.add(new Slot(n, null, i));
        out.addAll(slots(n.get(i)));
      }
    }
    return out;
  }

  /** Every object field called {@code name}, anywhere in the tree. */
  private static List<Slot> fields(JsonNode n, String name) {
    List<Slot> out = new ArrayList<>();
    for (Slot s : slots(n)) {
      if (name.equals(s.field())) {
        out.add(s);
      }
    }
    return out;
  }

  static String apply(TreeMutant m) throws IOException {
    Editing ed = new Editing((ObjectNode) JSON.readTree(BASE.get(m.base())));
    for (TreeEdit e : m.edits()) {
      apply(ed, e);
    }
    return ed.text();
  }

  private static void apply(Editing ed, TreeEdit e) {
    ObjectNode root = ed.root;
    List<Slot> all = slots(root);
    Slot slot = all.isEmpty() ? null : all.get(e.a() % all.size());
    String value = VALUES.get(e.b() % VALUES.size());
    switch (e.kind()) {
      case DROP:
        if (slot != null) {
          if (slot.field() != null) {
            ((ObjectNode) slot.container()).remove(slot.field());
          } else {
            ((ArrayNode) slot.container()).remove(slot.index());
          }
        }
        break;
      case DUPLICATE:
        if (slot != null && slot.field() != null) {
          // The same key again, after the first: same value, or another one.
          JsonNode again = e.c() % 2 == 0 ? slot.get().deepCopy() : ed.value(value);
          ((ObjectNode) slot.container()).set(ed.placeholder(JSON.valueToTree(slot.field())
              .toString()), again);
        } else if (slot != null) {
          ((ArrayNode) slot.container()).insert(slot.index(), slot.get().deepCopy());
        }
        break;
      case RENAME:
        if (slot != null && slot.field() != null) {
          ObjectNode obj = (ObjectNode) slot.container();
          String to = KEYS.get(e.b() % KEYS.size());
          ObjectNode renamed = NODES.objectNode();
          obj.fields().forEachRemaining(f -> renamed.set(f.getKey().equals(slot.field())
              ? ed.placeholder(JSON.valueToTree(to).toString()) : f.getKey(), f.getValue()));
          obj.removeAll();
          obj.setAll(renamed);
        }
        break;
      case SET:
        if (slot != null) {
          slot.set(ed.value(value));
        }
        break;
      case NEST:
        if (slot != null) {
          // As text: deeper than Jackson would write. Arrays and objects alternate.
          int depth = List.of(1, 2, 10, 15, 16, 17, 200, 5000).get(e.c());
          String inner;
          try {
            inner = JSON.writeValueAsString(slot.get());
          } catch (IOException x) {
            throw new UncheckedIOException(x);
          }
          StringBuilder open = new StringBuilder();
          StringBuilder close = new StringBuilder();
          for (int i = 0; i < depth; i++) {
            open.append(i % 2 == 0 ? "[" : "{\"x\":");
            close.insert(0, i % 2 == 0 ? "]" : "}");
          }
          slot.set(NODES.textNode(ed.placeholder(open + inner + close)));
        }
        break;
      case FLIP_MODE:
        root.put("mode", root.path("mode").asText().equals("safe") ? "forced" : "safe");
        break;
      case PLATFORM:
        root.put("platform", List.of("windows", "macos", "other", "", "Linux", "linux ", "win32",
            "linux").get(e.c()));
        break;
      case HOST:
        switch (e.c() % 4) {
          case 0:
            root.remove("host");
            break;
          case 1:
            root.putNull("host");
            break;
          case 2:
            root.put("host", "");
            break;
          default:
            root.put("host", "testhost\n");
        }
        break;
      case ESCALATE:
        // Every step of every action becomes this signal, in a safe plan as in a forced one.
        for (Slot s : fields(root, "signal")) {
          s.set(NODES.textNode(SIGNALS.get(e.b() % SIGNALS.size())));
        }
        if (e.c() % 2 == 0) {
          for (Slot s : fields(root, "steps")) {
            if (s.get().isArray()) {
              ((ArrayNode) s.get()).addObject().put("signal", "SIGKILL").put("waitMs", 0);
            }
          }
        }
        break;
      case ALL_PIDS: {
        int pid = List.of(0, 1, OWN_PID, OWN_PARENT, Fixtures.SELF, Fixtures.SHELL, 5400, 5300)
            .get(e.c());
        for (Slot s : fields(root, "pid")) {
          if (s.get().isNumber()) {
            s.set(NODES.numberNode(pid));
          }
        }
        break;
      }
      case ALL_NAMES:
        for (Slot s : fields(root, "name")) {
          s.set(NODES.textNode(List.of("sshd", "systemd", "java", "bash", "postgres", "kthreadd",
              "init", "dbus-daemon").get(e.c())));
        }
        break;
      case ALL_OWNERS:
        for (Slot s : fields(root, "uid")) {
          s.set(e.c() % 3 == 0 ? NODES.nullNode() : NODES.numberNode(e.c() % 3 == 1 ? 0
              : THEIR_UID));
        }
        for (Slot s : fields(root, "user")) {
          s.set(e.c() % 3 == 0 ? NODES.nullNode() : NODES.textNode(e.c() % 3 == 1 ? "root"
              : "postgres"));
        }
        break;
      case ALL_KINDS:
        for (Slot s : fields(root, "action")) {
          s.set(NODES.textNode(List.of("kill-tree", "terminate", "terminate-parent",
              "signal-parent", "none", "remove-pidfile", "Terminate", "kill").get(e.c())));
        }
        break;
      case RETARGET:
      case REPARENT:
      case GRAFT:
        aim(root, e);
        break;
      default:
        throw new AssertionError(e.kind());
    }
  }

  /**
   * Points one action at a process the table really has (same pid, start time, name, owner),
   * so that identity checks pass and only the policy can refuse: as its target (RETARGET), as
   * its zombie's parent (REPARENT), or as an extra kill-tree member (GRAFT).
   */
  private static void aim(ObjectNode root, TreeEdit e) {
    JsonNode actions = root.path("actions");
    if (!actions.isArray() || actions.isEmpty()) {
      return;
    }
    JsonNode a = actions.get(e.a() % actions.size());
    if (!a.isObject()) {
      return;
    }
    ObjectNode action = (ObjectNode) a;
    ObjectNode who = targetNode(AIMS.get(e.b() % AIMS.size()));
    JsonNode processes = action.path("processes");
    switch (e.kind()) {
      case RETARGET:
        action.set("target", who);
        if (processes.isArray() && !processes.isEmpty()
            && action.path("action").asText().equals("kill-tree")) {
          ((ArrayNode) processes).set(processes.size() - 1, who.deepCopy());
        }
        break;
      case REPARENT:
        if (processes.isArray() && !processes.isEmpty()) {
          ((ArrayNode) processes).set(0, who);
        }
        break;
      default:
        if (processes.isArray()) {
          ((ArrayNode) processes).insert(0, who);
        }
    }
  }

  private static ObjectNode targetNode(ProcessInfo p) {
    ObjectNode t = NODES.objectNode();
    t.put("pid", p.pid());
    t.put("startTime", "2026-11-21T11:00:00.000Z");
    t.put("startTimeMs", p.startTimeMs());
    t.put("name", p.name());
    if (p.user() == null) {
      t.putNull("user");
    } else {
      t.put("user", p.user());
    }
    if (p.uid() == null) {
      t.putNull("uid");
    } else {
      t.put("uid", p.uid());
    }
    t.put("state", p.state().label());
    return t;
  }

  @Property(tries = 1000)
  void mutatedPlanTreesAreRefusedOrCarriedOutWithinPolicy(@ForAll("treeMutants") TreeMutant m)
      throws IOException {
    String text = apply(m);
    record(check(m.toString(), () -> new PlanJsonReader().read(new StringReader(text),
        "plan.json")));
  }

  // ---- the properties are not vacuous -------------------------------------------------------

  @net.jqwik.api.Example
  void unmutatedPlansAreCarriedOutAndSignalSomething() {
    for (Mode m : Mode.values()) {
      String what = "unmutated " + m.label();
      assertEquals(End.EXECUTED, check(what, () -> new PlanJsonReader()
          .read(new StringReader(BASE.get(m)), "plan.json")).end());
      Table t = new Table(world());
      Plan now = fresh(m);
      Plan runnable = withoutPidfileRemovals(now);
      verify(what, runnable, t, execute(runnable, t, Fixtures.policy(m)));
      assertFalse(t.sent.isEmpty(), what + ": the fresh plan signals nothing");
    }
  }

  @net.jqwik.api.Example
  void theOracleObjectsToASignalThePolicyRefuses() {
    // An executor given a policy without protected names signals sshd; the check the
    // properties rely on must object, or they would prove nothing.
    Table t = new Table(world());
    Plan p = new Plan(Mode.FORCED, Fixtures.NOW, Fixtures.GRACE, "testhost", "linux",
        List.of(new Terminate(Target.of(SSHD), new Cause("orphan", "orphan", Severity.LOW),
            List.of(new Step(Signal.TERM, 100)), null)));
    Policy lax = Policy.of(Fixtures.rules(List.of(), List.of(), List.of()), Fixtures.linux(),
        Mode.FORCED, x -> true);
    Run run = execute(p, t, lax);
    assertEquals(List.of(Signal.TERM), t.sent.stream().map(Table.Sent::signal).toList());
    AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> verify("lax", p, t, run));
    assertTrue(e.getMessage().contains("policy refuses"), e.getMessage());
  }
}
