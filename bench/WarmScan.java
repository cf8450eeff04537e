// Warm timings inside one JVM (DESIGN §10: "second scan in one JVM"), driven by bench/bench.py
// so that they alternate with the peers' runs:
//   java <the launcher's JVM flags> -cp target/procsweep.jar bench/WarmScan.java
// reads one measure name a line on stdin and answers with its time in ms and the number of
// processes it saw:
//   read       ProcSnapshotSource.read(plan without listeners): every process, of each what a
//              default scan reads of every process (Scanner.firstReadPlan for the shipped
//              rules: their facts and Scanner.ALWAYS, less what waits for the few processes
//              whose rules still ask for it)
//   listeners  the same read with the listeners (what a default scan's walk reads)
//   full       ProcSnapshotSource.read(false): every source of every process (explain, cleanup)
//   scan       `scan --sample 0 --format json` through Main.run, output thrown away
// and ends at end of input. bench.py runs each measure a few times first (not counted).
import io.procsweep.cli.Main;
import io.procsweep.facts.FactDeriver;
import io.procsweep.facts.FactRegistry;
import io.procsweep.platform.Os;
import io.procsweep.rules.RuleInputs;
import io.procsweep.rules.RuleLoader;
import io.procsweep.rules.RuleSet;
import io.procsweep.scan.Scanner;
import io.procsweep.scan.Scope;
import io.procsweep.snapshot.ProcSnapshotSource;
import io.procsweep.snapshot.ReadPlan;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;

public class WarmScan {
  public static void main(String[] args) throws Exception {
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    ProcSnapshotSource proc = new ProcSnapshotSource();
    ReadPlan plan = defaultScanPlan(proc);
    ReadPlan planNoListeners = plan.without(ReadPlan.Source.LISTENERS);
    System.err.println("WarmScan: a default scan reads of every process "
        + plan.sources());
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("ready");
    System.out.flush();
    for (String line; (line = in.readLine()) != null; ) {
      long t = System.nanoTime();
      int seen = switch (line.trim()) {
        case "read" -> proc.read(planNoListeners).processes().size();
        case "listeners" -> proc.read(plan).processes().size();
        case "full" -> proc.read(false).processes().size();
        case "scan" -> {
          int code = Main.run(sink, sink, "scan", "--sample", "0", "--format", "json");
          if (code != 0 && code != 1) {
            throw new IllegalStateException("scan exited " + code);
          }
          yield -1;
        }
        default -> throw new IllegalArgumentException("unknown measure: " + line);
      };
      System.out.printf("%.3f %d%n", (System.nanoTime() - t) / 1e6, seen);
      System.out.flush();
    }
  }

  /** What `scan` reads of every process with the shipped rules and every category. */
  static ReadPlan defaultScanPlan(ProcSnapshotSource proc) throws Exception {
    FactRegistry facts = FactRegistry.standard();
    RuleSet rules = new RuleLoader(facts).load(List.of(
        RuleInputs.builtin("rules/default.yaml"), RuleInputs.builtin("rules/dev-servers.yaml")));
    FactDeriver deriver =
        new FactDeriver(facts, new HashSet<>(rules.subreapers()), Os.current().label());
    Scanner scanner = new Scanner(proc, rules, deriver, Clock.systemUTC(), d -> { });
    return scanner.firstReadPlan(Scope.ALL);
  }
}
