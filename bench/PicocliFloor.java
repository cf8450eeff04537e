// The picocli floor of DESIGN §10's small cold scan: the least a picocli command with
// annotations costs to start, parse two options and print a line. bench/run compiles it
// against the picocli jar procsweep is built with and runs it with the launcher's JVM, flags
// and kind of class-data archive.
package floor;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "floor", mixinStandardHelpOptions = true, description = "A picocli floor.")
public class PicocliFloor implements Callable<Integer> {
  @Option(names = "--sample", description = "A duration.")
  String sample = "1s";

  @Option(names = "--format", description = "An output format.")
  String format = "table";

  @Override
  public Integer call() {
    System.out.println("{\"sample\":\"" + sample + "\",\"format\":\"" + format + "\"}");
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new PicocliFloor()).execute(args));
  }
}
