package io.procsweep.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.procsweep.snapshot.Listener;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ReadFailure;
import io.procsweep.snapshot.Snapshot;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The raw inventory a scan starts from ({@value #SCHEMA}), described by {@code
 * reports/schema/snapshot-v1.schema.json}: every field of every process and listener, so a
 * snapshot can be diffed, attached to a bug report or compared across backends.
 *
 * <p>Not a {@link ReportWriter}: it renders a {@link Snapshot}, not a scan. Output is sorted
 * (processes and failures by pid, listeners by port, protocol, address, pid) so two snapshots of
 * the same system diff cleanly whatever order a backend read them in.
 */
public final class SnapshotJsonWriter {
  public static final String SCHEMA = "procsweep/snapshot/v1";

  private static final Comparator<ProcessInfo> BY_PID =
      Comparator.comparingInt(ProcessInfo::pid).thenComparingLong(ProcessInfo::startTimeMs);

  private static final Comparator<Listener> LISTENER_ORDER =
      Comparator.comparingInt(Listener::port)
          .thenComparing(Listener::protocol, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Listener::address, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Listener::pid, Comparator.nullsFirst(Comparator.naturalOrder()));

  public void write(Snapshot s, String toolVersion, Writer out) throws IOException {
    try (JsonGenerator g = JsonOutput.open(out)) {
      g.writeStartObject();
      g.writeStringField("schema", SCHEMA);
      JsonOutput.tool(g, toolVersion);
      JsonOutput.host(g, s.host());
      g.writeStringField("takenAt", JsonOutput.timestamp(s.takenAt()));
      JsonOutput.string(g, "backend", s.backend());

      g.writeArrayFieldStart("processes");
      for (ProcessInfo p : sorted(s.processes(), BY_PID)) {
        writeProcess(g, p);
      }
      g.writeEndArray();

      g.writeArrayFieldStart("listeners");
      for (Listener l : sorted(s.listeners(), LISTENER_ORDER)) {
        g.writeStartObject();
        JsonOutput.string(g, "protocol", l.protocol());
        JsonOutput.string(g, "address", l.address());
        g.writeNumberField("port", l.port());
        JsonOutput.number(g, "pid", l.pid());
        JsonOutput.number(g, "inode", l.inode());
        g.writeEndObject();
      }
      g.writeEndArray();

      JsonOutput.unreadable(g, sorted(s.unreadable(), Comparator.comparingInt(ReadFailure::pid)));
      g.writeEndObject();
    }
    JsonOutput.finish(out);
  }

  private static void writeProcess(JsonGenerator g, ProcessInfo p) throws IOException {
    g.writeStartObject();
    JsonOutput.processIdentity(g, p);
    // Besides the ISO startTime, the exact number for tools that match identities (pid + start
    // time) across snapshots without parsing a date.
    g.writeNumberField("startTimeMs", p.startTimeMs());
    g.writeNumberField("cpuUserMs", p.cpuUserMs());
    g.writeNumberField("cpuKernelMs", p.cpuKernelMs());
    JsonOutput.number(g, "rssBytes", p.rssBytes());
    JsonOutput.number(g, "threads", p.threads());
    JsonOutput.number(g, "pgid", p.pgid());
    JsonOutput.number(g, "sid", p.sid());
    JsonOutput.string(g, "tty", p.tty());
    JsonOutput.string(g, "cgroup", p.cgroup());
    g.writeBooleanField("kernelThread", p.kernelThread());
    g.writeEndObject();
  }

  // Stable sort: equal keys keep the backend's order.
  private static <T> List<T> sorted(List<T> items, Comparator<? super T> order) {
    List<T> copy = new ArrayList<>(items);
    copy.sort(order);
    return copy;
  }
}
