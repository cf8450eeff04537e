package io.procsweep.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.procsweep.snapshot.HostInfo;
import io.procsweep.snapshot.ProcState;
import io.procsweep.snapshot.ProcessInfo;
import io.procsweep.snapshot.ReadFailure;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What the JSON report and the JSON snapshot share: generator set-up, timestamps, the
 * {@code tool}, {@code host} and {@code unreadable} blocks, and string cleaning. Both documents
 * are versioned contracts (reports/schema/), so the shared parts are written in exactly one place.
 */
public final class JsonOutput {
  static final String TOOL_NAME = "procsweep";

  /**
   * Every timestamp has exactly three fraction digits and a {@code Z}: a fixed width sorts and
   * diffs well, and milliseconds are the precision start times are compared at (pid reuse).
   */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  // Not closing the caller's Writer: it may be stdout, or AtomicFiles' writer that must be
  // flushed and fsynced before it is closed. Plain BigDecimals so 0.5 never prints as 5E-1.
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  private JsonOutput() {}

  /**
   * A generator that pretty-prints with two spaces, {@code "key": value}, {@code []} and {@code
   * {}} for empty containers, and {@code \n} line ends on every OS (so golden files match).
   */
  public static JsonGenerator open(Writer out) throws IOException {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    JsonGenerator g = compact(out);
    g.setPrettyPrinter(printer);
    return g;
  }

  /** A one-line generator, escaping the same way (audit log lines). */
  public static JsonGenerator compact(Writer out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out);
    g.setCharacterEscapes(TERMINAL_SAFE);
    return g;
  }

  private static final CharacterEscapes TERMINAL_SAFE = new TerminalSafeEscapes();

  /**
   * Jackson already escapes C0 controls; this also escapes DEL, C1 controls and the bidi and
   * invisible characters {@link TerminalText} escapes, as <code>&#92;uXXXX</code>. The JSON value
   * is the same, but {@code cat report.json} or a CI log can no longer be steered by a process name.
   * Surrogates are left alone: pairs must stay pairs, and {@link #clean} removed lone ones.
   */
  private static final class TerminalSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    TerminalSafeEscapes() {
      ascii = CharacterEscapes.standardAsciiEscapesForJSON();
      ascii[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (Character.isSurrogate((char) ch) || !TerminalText.isUnsafe(ch)) {
        return null;
      }
      return new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch));
    }
  }

  /** Ends the document with a newline, as text files and {@code jq}-friendly output should. */
  public static void finish(Writer out) throws IOException {
    out.write('\n');
    out.flush();
  }

  public static String timestamp(long epochMs) {
    return TIMESTAMP.format(Instant.ofEpochMilli(epochMs));
  }

  public static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  /**
   * Replaces unpaired UTF-16 surrogates with U+FFFD. Jackson writes a Java string's chars as
   * they are, and a lone surrogate has no UTF-8 encoding: the bytes that reach the file would
   * not be valid UTF-8 (or would silently become '?'). Process names and command lines come
   * from other users, so this is reachable, not theoretical.
   */
  public static String clean(String s) {
    if (s == null) {
      return null;
    }
    int n = s.length();
    StringBuilder sb = null;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean lone;
      if (Character.isHighSurrogate(c)) {
        lone = i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1));
        if (!lone) {
          if (sb != null) {
            sb.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        lone = Character.isLowSurrogate(c);
      }
      if (lone && sb == null) {
        sb = new StringBuilder(n).append(s, 0, i);
      }
      if (sb != null) {
        sb.append(lone ? '\uFFFD' : c);
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** A string field, cleaned; null is written as JSON null. */
  public static void string(JsonGenerator g, String name, String value) throws IOException {
    g.writeFieldName(clean(name));
    if (value == null) {
      g.writeNull();
    } else {
      g.writeString(clean(value));
    }
  }

  /** An integer field that may be unknown. */
  public static void number(JsonGenerator g, String name, Long value) throws IOException {
    g.writeFieldName(name);
    if (value == null) {
      g.writeNull();
    } else {
      g.writeNumber(value);
    }
  }

  public static void number(JsonGenerator g, String name, Integer value) throws IOException {
    number(g, name, value == null ? null : Long.valueOf(value));
  }

  static void stringArray(JsonGenerator g, String name, List<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      if (v == null) {
        g.writeNull();
      } else {
        g.writeString(clean(v));
      }
    }
    g.writeEndArray();
  }

  static void state(JsonGenerator g, ProcState state) throws IOException {
    g.writeStringField("state", state.label());
  }

  /**
   * The fields every document shares for a process, in this order: pid, ppid, name, exe,
   * cmdline, user, uid, state, startTime. The caller opens and closes the object.
   */
  static void processIdentity(JsonGenerator g, ProcessInfo p) throws IOException {
    g.writeNumberField("pid", p.pid());
    g.writeNumberField("ppid", p.ppid());
    string(g, "name", p.name());
    string(g, "exe", p.exe());
    stringArray(g, "cmdline", p.cmdline());
    string(g, "user", p.user());
    number(g, "uid", p.uid());
    state(g, p.state());
    g.writeStringField("startTime", timestamp(p.startTimeMs()));
  }

  static void tool(JsonGenerator g, String version) throws IOException {
    g.writeObjectFieldStart("tool");
    g.writeStringField("name", TOOL_NAME);
    // A version is always there in a built jar; "unknown" keeps the document valid from an IDE.
    string(g, "version", version == null ? "unknown" : version);
    g.writeEndObject();
  }

  static void host(JsonGenerator g, HostInfo host) throws IOException {
    g.writeObjectFieldStart("host");
    string(g, "hostname", host.hostname());
    string(g, "os", host.os());
    string(g, "kernel", host.kernel());
    // 0 (or less) is how a backend says "boot time unknown"; 1970 would read as data.
    string(g, "bootTime", host.bootTimeMs() > 0 ? timestamp(host.bootTimeMs()) : null);
    g.writeNumberField("cpus", host.cpus());
    g.writeEndObject();
  }

  static void unreadable(JsonGenerator g, List<ReadFailure> failures) throws IOException {
    g.writeArrayFieldStart("unreadable");
    for (ReadFailure f : failures) {
      g.writeStartObject();
      g.writeNumberField("pid", f.pid());
      string(g, "what", f.what());
      string(g, "reason", f.reason());
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
