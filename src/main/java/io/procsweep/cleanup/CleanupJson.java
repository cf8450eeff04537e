package io.procsweep.cleanup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.procsweep.report.TerminalText;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Generator set-up and field helpers shared by the plan, outcome and audit writers. Same
 * conventions as the scan report (report.JsonOutput, package-private there): millisecond UTC
 * timestamps, two-space indent, {@code \n} line ends, lone surrogates replaced, and every
 * character {@link TerminalText} would escape written as <code>&#92;uXXXX</code>, so {@code cat
 * plan.json} or {@code tail audit.jsonl} cannot be steered by a process name.
 */
final class CleanupJson {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private CleanupJson() {}

  /** A pretty-printing generator for documents (plans, outcomes). */
  static JsonGenerator pretty(Writer out) throws IOException {
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

  /** A one-line generator (audit log lines). */
  static JsonGenerator compact(Writer out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out);
    g.setCharacterEscapes(TerminalSafe.INSTANCE);
    return g;
  }

  static String timestamp(long epochMs) {
    return TIMESTAMP.format(Instant.ofEpochMilli(epochMs));
  }

  static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  static void string(JsonGenerator g, String name, String value) throws IOException {
    g.writeFieldName(name);
    if (value == null) {
      g.writeNull();
    } else {
      g.writeString(clean(value));
    }
  }

  static void number(JsonGenerator g, String name, Integer value) throws IOException {
    g.writeFieldName(name);
    if (value == null) {
      g.writeNull();
    } else {
      g.writeNumber(value);
    }
  }

  /** Replaces unpaired UTF-16 surrogates, which have no UTF-8 encoding, with U+FFFD. */
  static String clean(String s) {
    StringBuilder sb = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1));
      if (pair) {
        if (sb != null) {
          sb.append(c).append(s.charAt(i + 1));
        }
        i++;
        continue;
      }
      boolean lone = Character.isSurrogate(c);
      if (lone && sb == null) {
        sb = new StringBuilder(n).append(s, 0, i);
      }
      if (sb != null) {
        sb.append(lone ? '\uFFFD' : c);
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** Escapes what a terminal would act on; asks {@link TerminalText} so the two never differ. */
  private static final class TerminalSafe extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    static final TerminalSafe INSTANCE = new TerminalSafe();
    private final int[] ascii;

    private TerminalSafe() {
      ascii = CharacterEscapes.standardAsciiEscapesForJSON();
      ascii[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (Character.isSurrogate((char) ch)) {
        return null;
      }
      String one = String.valueOf((char) ch);
      if (TerminalText.escape(one).equals(one)) {
        return null;
      }
      return new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch));
    }
  }
}
