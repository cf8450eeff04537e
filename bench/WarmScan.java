// Warm timings inside one JVM (DESIGN §10: "second scan in one JVM"), driven by bench/bench.py
// so that they alternate with the peers' runs:
//   java <the launcher's JVM flags> -cp target/procsweep.jar bench/WarmScan.java
// reads one measure name a line on stdin and answers with its time in ms and the number of
// processes it saw:
//   read       ProcSnapshotSource.read(false): every process, no listeners
//   listeners  ProcSnapshotSource.read(true): the same and listener ownership
//   scan       `scan --sample 0 --format json` through Main.run, output thrown away
// and ends at end of input. bench.py runs each measure a few times first (not counted).
import io.procsweep.cli.Main;
import io.procsweep.snapshot.ProcSnapshotSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

public class WarmScan {
  public static void main(String[] args) throws Exception {
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    ProcSnapshotSource proc = new ProcSnapshotSource();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("ready");
    System.out.flush();
    for (String line; (line = in.readLine()) != null; ) {
      long t = System.nanoTime();
      int seen = switch (line.trim()) {
        case "read" -> proc.read(false).processes().size();
        case "listeners" -> proc.read(true).processes().size();
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
}
