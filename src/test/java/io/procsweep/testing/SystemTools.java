package io.procsweep.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** procps {@code ps} and iproute2 {@code ss}, the peers procsweep's reads are checked against. */
public final class SystemTools {
  private static final Pattern HOLDER = Pattern.compile("pid=(\\d+)");

  private SystemTools() {}

  /** pid → "PPID STATE-LETTER" from {@code ps -eo pid,ppid,stat}. */
  public static Map<Integer, String> ps() throws IOException, InterruptedException {
    Map<Integer, String> out = new HashMap<>();
    for (String line : run("ps", "-eo", "pid=,ppid=,stat=")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3) {
        out.put(Integer.parseInt(f[0]), f[1] + " " + f[2].charAt(0));
      }
    }
    return out;
  }

  /** "PORT/PID" for every holder ss can see of every listening TCP socket. */
  public static Set<String> ssTcpHolders() throws IOException, InterruptedException {
    Set<String> out = new HashSet<>();
    for (String line : run("ss", "-Hltnp")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 5) {
        continue;
      }
      String local = f[3];
      String port = local.substring(local.lastIndexOf(':') + 1);
      Matcher m = HOLDER.matcher(line);
      while (m.find()) {
        out.add(port + "/" + m.group(1));
      }
    }
    return out;
  }

  /** Runs a command, returns its output lines; fails when it fails or takes over 30 s. */
  public static List<String> run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", cmd) + " failed: " + out);
      }
      return out.lines().collect(Collectors.toList());
    } finally {
      p.destroyForcibly();
    }
  }
}
