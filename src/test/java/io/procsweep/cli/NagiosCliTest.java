package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import io.procsweep.testing.NagiosOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code scan --format nagios} as Nagios runs it (its own process, scoped with --pid to what
 * the test made): every state with its exit code, the output read back by the plugin grammar.
 */
@EnabledOnOs(OS.LINUX)
class NagiosCliTest {
  private static Cli.Result nagios(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("scan", "--format", "nagios", "--sample", "0"));
    all.addAll(List.of(args));
    return Cli.run(Path.of("").toAbsolutePath(), all.toArray(String[]::new));
  }

  private static NagiosOutput parsed(Cli.Result r) {
    return NagiosOutput.parse(r.out());
  }

  @Test
  void okWithoutFindings() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "300").start();
    try {
      Cli.Result r = nagios("--pid", Long.toString(sleeper.pid()));
      assertEquals(0, r.code(), r.out() + r.err());
      NagiosOutput out = parsed(r);
      assertEquals("PROCSWEEP", out.service());
      assertEquals("OK", out.state());
      assertTrue(out.summary().startsWith("no findings in "), out.summary());
      assertEquals(new NagiosOutput.Perf("0", "", "0", "", "0", ""), out.perf().get("findings"));
      assertTrue(out.value("processes") > 1, "the whole table is read: " + out.perf());
      assertEquals(List.of(), out.longText());
    } finally {
      sleeper.destroyForcibly();
      sleeper.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aZombieWarnsByDefaultIsCriticalPastCriticalAndOkWithinTheRanges() throws Exception {
    try (Fixture zombie = Fixture.start("zombie", false)) {
      int pid = zombie.pid("zombie");
      Fixture.awaitState(pid, 'Z');

      Cli.Result warning = nagios("--pid", Integer.toString(pid));
      assertEquals(1, warning.code(), warning.out() + warning.err());
      NagiosOutput w = parsed(warning);
      assertEquals("WARNING", w.state());
      assertTrue(w.summary().matches("1 finding in \\d+ processes: 1 zombie"), w.summary());
      assertEquals(new NagiosOutput.Perf("1", "", "0", "", "0", ""), w.perf().get("findings"));
      assertEquals(1, w.value("zombies"));
      assertEquals(0, w.value("orphans") + w.value("stale_listeners") + w.value("hung"));
      assertEquals(1, w.longText().size(), w.longText().toString());
      assertTrue(w.longText().get(0).startsWith("medium zombie: pid " + pid + " "),
          w.longText().get(0));

      Cli.Result critical = nagios("--pid", Integer.toString(pid), "--critical", "0");
      assertEquals(2, critical.code(), critical.out() + critical.err());
      NagiosOutput c = parsed(critical);
      assertEquals("CRITICAL", c.state());
      assertEquals(new NagiosOutput.Perf("1", "", "0", "0", "0", ""), c.perf().get("findings"));

      Cli.Result ok = nagios("--pid", Integer.toString(pid), "--warning", "1",
          "--critical", "@5:");
      assertEquals(0, ok.code(), ok.out() + ok.err());
      NagiosOutput o = parsed(ok);
      assertEquals("OK", o.state());
      assertEquals(new NagiosOutput.Perf("1", "", "1", "@5:", "0", ""), o.perf().get("findings"));
    }
  }

  @Test
  void aScanThatCannotRunIsOneUnknownLine() throws Exception {
    Cli.Result r = nagios("--descendants-of", "2147483646");
    assertEquals(3, r.code(), r.out() + r.err());
    assertEquals("PROCSWEEP UNKNOWN: --descendants-of 2147483646: no process has pid"
        + " 2147483646\n", r.out());
    assertEquals("procsweep: --descendants-of 2147483646: no process has pid 2147483646\n",
        r.err());
    assertEquals("UNKNOWN", parsed(r).state());
  }

  @Test
  void aBadRangeIsUnknownToo() throws Exception {
    Cli.Result r = nagios("--pid", "1", "--warning", "20:10");
    assertEquals(3, r.code(), r.out() + r.err());
    assertEquals("PROCSWEEP UNKNOWN: --warning '20:10' is not a range: its start 20 is above"
        + " its end 10\n", r.out());
  }

  /** An option picocli cannot parse would exit 2, which Nagios reads as CRITICAL. */
  @Test
  void anUnparsableCommandLineIsUnknownWithNagiosAndAUsageErrorWithout() {
    for (List<String> format : List.of(List.of("--format", "nagios"), List.of("-f", "nagios"),
        List.of("--format=nagios"))) {
      List<String> args = new ArrayList<>(List.of("scan", "--sample", "soon"));
      args.addAll(format);
      MainTest.Run r = MainTest.run(args.toArray(String[]::new));
      assertEquals(3, r.code(), format + ": " + r.err());
      assertTrue(r.out().startsWith("PROCSWEEP UNKNOWN: "), format + ": " + r.out());
      assertEquals(1, r.out().lines().count(), r.out());
      assertTrue(r.out().contains("--sample"), r.out());
    }
    MainTest.Run plain = MainTest.run("scan", "--sample", "soon", "--format", "json");
    assertEquals(2, plain.code(), plain.err());
    assertEquals("", plain.out());
  }

  @Test
  void failOnIsRefusedWithNagiosAndTheRangesWithoutIt() {
    MainTest.Run both = MainTest.run("scan", "--format", "nagios", "--fail-on", "high",
        "--sample", "0", "--pid", "1");
    assertEquals(3, both.code(), both.err());
    assertEquals("PROCSWEEP UNKNOWN: --fail-on does not apply to --format nagios, which exits"
        + " with the Nagios state; use --warning and --critical\n", both.out());

    MainTest.Run alone = MainTest.run("scan", "--format", "json", "--critical", "3",
        "--sample", "0", "--pid", "1");
    assertEquals(2, alone.code(), alone.err());
    assertEquals("procsweep: --critical applies to --format nagios only\n", alone.err());
  }

  @Test
  void helpListsTheNagiosExitCodes() {
    MainTest.Run help = MainTest.run("scan", "--help");
    assertEquals(0, help.code());
    String nagios = help.out().substring(help.out().indexOf("Exit codes with --format nagios"));
    assertEquals("""
        Exit codes with --format nagios (the Nagios plugin states):
            0   OK: findings within --warning and --critical
            1   WARNING: findings outside --warning (default 0: any)
            2   CRITICAL: findings outside --critical
            3   UNKNOWN: the process table was not read whole, or the scan could not run
        """, nagios);
  }

  /**
   * The real condition: a process listed in /proc whose stat cannot be read. A fresh /proc
   * with {@code hidepid=1} in a pid and mount namespace of its own (the machine's /proc is
   * untouched) shows a root-owned {@code sleep} to procsweep running as uid 65534 but denies
   * its files; procsweep is pid 1 there, and the kernel ends the sleep when it exits.
   */
  @Test
  void aListedProcessThatCannotBeReadIsUnknown() throws Exception {
    assumeHidepidNamespace();
    MainTest.Run r = AsNobody.run(List.of("unshare", "--pid", "--fork", "--mount",
        "--propagation", "private", "sh", "-c",
        "mount -t proc -o hidepid=1 proc /proc && { sleep 120 & exec \"$@\"; }", "sh"),
        "scan", "--format", "nagios", "--sample", "0");
    assertEquals(3, r.code(), r.out() + r.err());
    NagiosOutput out = NagiosOutput.parse(r.out());
    assertEquals("UNKNOWN", out.state());
    assertTrue(out.summary().matches(
        "the process table was not read whole \\(pid \\d+ stat: [^)]+\\); .* read"),
        out.summary());
    assertTrue(out.value("unreadable") >= 1, out.perf().toString());
  }

  private static void assumeHidepidNamespace() throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("unshare", "--pid", "--fork", "--mount", "--propagation", "private",
          "sh", "-c", "mount -t proc -o hidepid=1 proc /proc")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (java.io.IOException e) {
      Assumptions.abort("unshare is not installed");
      return;
    }
    boolean done = p.waitFor(30, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    Assumptions.assumeTrue(done && p.exitValue() == 0,
        "a pid and mount namespace with its own /proc needs root and a sandbox that allows it");
  }
}
