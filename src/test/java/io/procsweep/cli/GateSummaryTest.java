package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.procsweep.rules.CleanupSpec;
import io.procsweep.rules.Severity;
import io.procsweep.scan.Finding;
import io.procsweep.scan.Match;
import io.procsweep.scan.ProcessContext;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateSummaryTest {
  private static Finding finding(int pid, Severity severity, String rule, List<String> cmdline,
      ProcessContext context) {
    ProcessInfo p = new ProcessInfo(pid, 1, "node", null, cmdline, "alice", 1000,
        ProcState.SLEEPING, 0, 0, 0, null, 1, pid, 9, null, null, false);
    return new Finding(p, 60, List.of(new Match(rule, "orphan", severity, rule,
        CleanupSpec.NONE)), Map.of(), context);
  }

  private static ProcessContext ports(List<Long> own, List<Long> tree, String job) {
    return new ProcessContext(own, tree, null, null, null, null, null, null, job);
  }

  @Test
  void oneLinePerFailingFindingWithPortsJobAndEscapedCommand() {
    List<Finding> findings = List.of(
        finding(4242, Severity.HIGH, "orphaned-dev-server",
            List.of("node", "vite", "--port", "5173"), ports(List.of(5173L), List.of(5173L),
                "github:abc")),
        finding(77, Severity.CRITICAL, "wrapper", List.of("npm\u001b[2J", "exec"),
            ports(List.of(), List.of(3000L, 8000L), null)),
        finding(5, Severity.LOW, "too-low", List.of("sleep"), ProcessContext.UNKNOWN));
    assertEquals(List.of(
            "procsweep: gate failed: 2 findings at or above high (--fail-on high)",
            "  high  orphaned-dev-server  pid 4242  port 5173  job github:abc  node vite --port"
                + " 5173",
            "  critical  wrapper  pid 77  ports 3000,8000  npm\\e[2J exec"),
        GateSummary.lines(findings, Severity.HIGH));
  }

  @Test
  void noFailingFindingNoLines() {
    assertEquals(List.of(), GateSummary.lines(List.of(finding(5, Severity.LOW, "r",
        List.of("sleep"), ProcessContext.UNKNOWN)), Severity.MEDIUM));
  }

  @Test
  void longCommandsAreCutAndManyFindingsSummarised() {
    String longArg = "x".repeat(300);
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < GateSummary.MAX_LINES + 3; i++) {
      many.add(finding(100 + i, Severity.HIGH, "r", List.of("cmd", longArg),
          ProcessContext.UNKNOWN));
    }
    List<String> lines = GateSummary.lines(many, Severity.LOW);
    assertEquals(GateSummary.MAX_LINES + 2, lines.size());
    assertEquals("  ... and 3 more in the report", lines.get(lines.size() - 1));
    String cmd = lines.get(1).substring(lines.get(1).indexOf("cmd "));
    assertEquals(GateSummary.MAX_COMMAND, cmd.length());
    assertEquals("...", cmd.substring(cmd.length() - 3));
    // An emoji is one character shown: never split into a lone surrogate.
    String emoji = "\uD83D\uDE00".repeat(200);
    String cut = GateSummary.command(emoji);
    assertEquals(GateSummary.MAX_COMMAND, cut.codePointCount(0, cut.length()));
  }
}
