// Warm timings inside one JVM (DESIGN §10: "second scan in one JVM"). Run by bench/run as
//   java -cp target/procsweep.jar bench/WarmScan.java ROUNDS
// Prints one line per measure: name, median ms, min ms, rounds.
import io.procsweep.cli.Main;
import io.procsweep.snapshot.ProcSnapshotSource;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Arrays;

public class WarmScan {
  interface Body {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    ProcSnapshotSource proc = new ProcSnapshotSource();
    int[] processes = new int[1];
    measure("read-processes", rounds, () -> processes[0] = proc.read(false).processes().size());
    measure("read-with-listeners", rounds, () -> proc.read(true));
    measure("scan-json", rounds, () -> check(Main.run(sink, sink,
        "scan", "--sample", "0", "--format", "json")));
    System.out.println("processes " + processes[0]);
  }

  private static void check(int code) {
    if (code != 0 && code != 1) {
      throw new IllegalStateException("scan exited " + code);
    }
  }

  private static void measure(String name, int rounds, Body body) throws Exception {
    body.run(); // the first, cold run is not counted: "warm" is the second onwards
    double[] ms = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long t = System.nanoTime();
      body.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf("%s %.2f %.2f %d%n", name, ms[rounds / 2], ms[0], rounds);
  }
}
