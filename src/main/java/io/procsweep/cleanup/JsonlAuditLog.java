package io.procsweep.cleanup;

import com.fasterxml.jackson.core.JsonGenerator;
import io.procsweep.report.JsonOutput;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The audit log as JSON lines, appended and fsynced one line at a time: if procsweep is killed
 * mid-cleanup, every signal it sent is on disk, and no line is ever half written by us.
 */
final class JsonlAuditLog implements AuditLog {
  private final FileChannel channel;

  private JsonlAuditLog(FileChannel channel) {
    this.channel = channel;
  }

  static JsonlAuditLog open(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new JsonlAuditLog(FileChannel.open(path, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND));
  }

  @Override
  public synchronized void append(AuditEntry e) throws IOException {
    ByteBuffer line = ByteBuffer.wrap(line(e).getBytes(StandardCharsets.UTF_8));
    while (line.hasRemaining()) {
      channel.write(line);
    }
    // Data only (force(false)): the line must survive a crash; the mtime does not matter.
    channel.force(false);
  }

  /** {time, mode, action, target {pid, startTime, name}, signal, result, mechanism, message}. */
  static String line(AuditEntry e) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JsonOutput.compact(out)) {
      g.writeStartObject();
      g.writeStringField("time", JsonOutput.timestamp(e.time()));
      g.writeStringField("mode", e.mode().label());
      g.writeStringField("action", e.action());
      g.writeObjectFieldStart("target");
      g.writeNumberField("pid", e.pid());
      JsonOutput.string(g, "startTime",
          e.startTimeMs() == null ? null : JsonOutput.timestamp(e.startTimeMs()));
      JsonOutput.string(g, "name", e.name());
      g.writeEndObject();
      JsonOutput.string(g, "signal", e.signal() == null ? null : e.signal().label());
      g.writeStringField("result", e.result());
      JsonOutput.string(g, "mechanism", e.mechanism());
      JsonOutput.string(g, "message", e.message());
      g.writeEndObject();
    }
    return out.append('\n').toString();
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
