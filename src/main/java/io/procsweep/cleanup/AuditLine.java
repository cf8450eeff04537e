package io.procsweep.cleanup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One {@link AuditEntry} as one line of JSON. Written with Jackson directly, not through the
 * report package: reports may depend on cleanup, never the other way round.
 *
 * <p>Every character outside printable ASCII is written as <code>&#92;uXXXX</code>: process names
 * come from other users, and an audit log read with {@code cat} or {@code tail -f} must not be
 * steerable by escape sequences, bidi overrides or a newline in a name. Lone surrogates survive
 * as escapes too, so every line is valid UTF-8 and valid JSON.
 */
final class AuditLine {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  private static final CharacterEscapes ASCII_ONLY = new AsciiOnlyEscapes();

  private AuditLine() {}

  /**
   * {time, phase, kind, mode, action, target {pid, startTime, name} or null, signal, result,
   * mechanism, message}, ending in exactly one {@code \n}.
   */
  static String of(AuditEntry e) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.setCharacterEscapes(ASCII_ONLY);
      g.writeStartObject();
      g.writeStringField("time", timestamp(e.time()));
      g.writeStringField("phase", e.phase().label());
      g.writeStringField("kind", e.kind().label());
      g.writeStringField("mode", e.mode().label());
      g.writeStringField("action", e.action());
      if (e.kind().runLevel()) {
        g.writeNullField("target");
      } else {
        g.writeObjectFieldStart("target");
        g.writeNumberField("pid", e.pid());
        g.writeStringField("startTime",
            e.startTimeMs() == null ? null : timestamp(Instant.ofEpochMilli(e.startTimeMs())));
        g.writeStringField("name", e.name());
        g.writeEndObject();
      }
      g.writeStringField("signal", e.signal() == null ? null : e.signal().label());
      g.writeStringField("result", e.result());
      g.writeStringField("mechanism", e.mechanism());
      g.writeStringField("message", e.message());
      g.writeEndObject();
    }
    return out.append('\n').toString();
  }

  private static String timestamp(Instant t) {
    return TIMESTAMP.format(t);
  }

  /** ESCAPE_NON_ASCII covers everything above U+007F; this adds DEL, the one ASCII control left. */
  private static final class AsciiOnlyEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    AsciiOnlyEscapes() {
      ascii = CharacterEscapes.standardAsciiEscapesForJSON();
      ascii[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }
}
