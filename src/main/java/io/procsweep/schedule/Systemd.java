package io.procsweep.schedule;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A systemd service and timer for {@code /etc/systemd/system}. The service runs the scan as root
 * (only root sees every process's sockets, working directory and environment) and is confined
 * as far as reading {@code /proc} allows.
 */
public final class Systemd {
  /** The directory the units are meant for; named in each file's first line. */
  public static final String UNIT_DIR = "/etc/systemd/system";
  /** systemd's state directory for {@code StateDirectory=procsweep}. */
  public static final String STATE_DIR = "/var/lib/procsweep";

  private static final Pattern UNIT_NAME = Pattern.compile("[A-Za-z0-9:_.\\\\-]{1,200}");
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@+=:,./-]+");
  private static final Duration BOOT_DELAY = Duration.ofMinutes(2);

  private Systemd() {}

  /** The service, then the timer. */
  public static List<UnitFile> units(Duration every, ScheduledScan scan, String unitName) {
    if (!UNIT_NAME.matcher(unitName).matches() || unitName.endsWith(".service")
        || unitName.endsWith(".timer") || unitName.startsWith("-")) {
      throw new ScheduleException("--unit-name '" + unitName + "' is not a unit name: use letters,"
          + " digits and : _ . - only, without .service or .timer (e.g. procsweep-scan)");
    }
    if (every.toMillis() < 1000 || every.toMillis() % 1000 != 0) {
      throw new ScheduleException("a systemd timer here runs at whole seconds, at least 1s apart,"
          + " so not every " + Spans.text(every) + "; use 'procsweep watch --interval "
          + Spans.text(every) + "' for that");
    }
    scan.requireAbsolute(PathStyle.POSIX);
    return List.of(new UnitFile(unitName + ".service", service(every, scan, unitName)),
        new UnitFile(unitName + ".timer", timer(every, unitName)));
  }

  static String service(Duration every, ScheduledScan scan, String unitName) {
    String dir = scan.workDir(PathStyle.POSIX);
    boolean ownStateDir = dir.equals(STATE_DIR);
    StringBuilder writable = new StringBuilder();
    if (!ownStateDir) {
      writable.append(" ").append(quote(dir));
    }
    scan.textfileDir().ifPresent(d -> writable.append(" ").append(quote(d)));
    List<String> argv = scan.argv(PathStyle.POSIX);
    String execStart = program(argv.get(0)) + " " + argv.subList(1, argv.size()).stream()
        .map(Systemd::quote).collect(Collectors.joining(" "));
    return "# " + UNIT_DIR + "/" + unitName + ".service\n"
        + "# Written by 'procsweep schedule --target systemd --every " + Spans.text(every)
        + "'; started by " + unitName + ".timer.\n"
        + "[Unit]\n"
        + "Description=procsweep scan for zombies, orphans, stale listeners and hung processes\n"
        + "\n"
        + "[Service]\n"
        + "Type=oneshot\n"
        + "ExecStart=" + execStart + "\n"
        + "# --save writes reports/ under the working directory, next to the state file.\n"
        + "WorkingDirectory=" + specifierSafe(dir) + "\n"
        + (ownStateDir
            ? "StateDirectory=procsweep\n"
              + "# Saved reports name every process's command line: root only.\n"
              + "StateDirectoryMode=0750\n"
            : "# " + dir + " must exist: systemd does not create it.\n")
        + (writable.length() > 0 ? "ReadWritePaths=" + writable.toString().trim() + "\n" : "")
        + "# A scan is background work.\n"
        + "Nice=10\n"
        + "IOSchedulingClass=idle\n"
        + "TimeoutStartSec=5min\n"
        + "# node_exporter (another user) reads the metrics file: keep it world-readable.\n"
        + "UMask=0022\n"
        + "\n"
        + "# Confinement. Root keeps two capabilities: CAP_DAC_READ_SEARCH to list other users'\n"
        + "# /proc/PID/fd (mode 0500, owned by the process's user) and CAP_SYS_PTRACE to read\n"
        + "# its fd, cwd and exe links and environ (ptrace read access). Nothing else.\n"
        + "CapabilityBoundingSet=CAP_DAC_READ_SEARCH CAP_SYS_PTRACE\n"
        + "NoNewPrivileges=yes\n"
        + "ProtectSystem=strict\n"
        + "ProtectHome=read-only\n"
        + "PrivateTmp=yes\n"
        + "PrivateDevices=yes\n"
        + "ProtectKernelTunables=yes\n"
        + "ProtectKernelModules=yes\n"
        + "ProtectKernelLogs=yes\n"
        + "ProtectControlGroups=yes\n"
        + "ProtectClock=yes\n"
        + "ProtectHostname=yes\n"
        + "RestrictNamespaces=yes\n"
        + "RestrictRealtime=yes\n"
        + "RestrictSUIDSGID=yes\n"
        + "LockPersonality=yes\n"
        + "SystemCallArchitectures=native\n"
        + "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6\n"
        + "# Not set, on purpose: PrivateNetwork= (/proc/net would show an empty namespace, and\n"
        + "# no listener would be seen), ProtectProc=invisible (other users' processes would\n"
        + "# vanish), PrivateUsers= (it drops the capabilities above), and\n"
        + "# MemoryDenyWriteExecute= (the JVM's JIT writes code).\n";
  }

  static String timer(Duration every, String unitName) {
    Duration first = every.compareTo(BOOT_DELAY) < 0 ? every : BOOT_DELAY;
    // A tenth of the interval, between 1s and systemd's default of 1min: timers may coalesce
    // wake-ups within it, and a 30s interval should not drift by a minute.
    long accuracyS = Math.max(1, Math.min(60, every.toSeconds() / 10));
    return "# " + UNIT_DIR + "/" + unitName + ".timer\n"
        + "# Written by 'procsweep schedule --target systemd --every " + Spans.text(every) + "'.\n"
        + "[Unit]\n"
        + "Description=procsweep scan every " + Spans.text(every) + "\n"
        + "\n"
        + "[Timer]\n"
        + "# First run " + Spans.systemd(first) + " after boot (at once when the timer is started"
        + " later), then every\n"
        + "# " + Spans.systemd(every) + " after the last one started. Persistent= is for"
        + " OnCalendar= only; the state\n"
        + "# file keeps first-seen times across a reboot.\n"
        + "OnBootSec=" + Spans.systemd(first) + "\n"
        + "OnUnitActiveSec=" + Spans.systemd(every) + "\n"
        + "AccuracySec=" + Spans.systemd(Duration.ofSeconds(accuracyS)) + "\n"
        + "Unit=" + unitName + ".service\n"
        + "\n"
        + "[Install]\n"
        + "WantedBy=timers.target\n";
  }

  /**
   * One word of a systemd command line or path list: plain words as they are, others in double
   * quotes with C escapes; specifiers ({@code %}) and variables ({@code $}) doubled in all.
   */
  static String quote(String s) {
    String escaped = s.replace("%", "%%").replace("$", "$$");
    if (PLAIN.matcher(s).matches()) {
      return escaped;
    }
    if (s.equals(";")) {
      return "\\;"; // a lone ; separates commands in ExecStart=
    }
    return "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** The program of ExecStart=: like an argument, but systemd expands no {@code $} in it. */
  static String program(String path) {
    String escaped = path.replace("%", "%%");
    return PLAIN.matcher(path).matches() ? escaped
        : "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** A setting that takes the rest of the line as one path: only specifiers are expanded. */
  static String specifierSafe(String path) {
    return path.replace("%", "%%");
  }
}
