package io.procsweep.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Walks a YAML text with Jackson's streaming parser into a {@link RawNode} tree, keeping the
 * position of every key and value token. Syntax errors become one diagnostic at the parser's
 * position (never an exception), duplicate keys are reported (YAML forbids them; silently keeping
 * one of two {@code when:} would be a trap), and aliases are refused.
 */
final class YamlTreeReader {
  private final YAMLFactory factory = YAMLFactory.builder().build();

  /** The document's root, or null when the text is empty or could not be parsed. */
  RawNode read(String content, FileReporter out) {
    try (JsonParser p = factory.createParser(content)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return null;
      }
      RawNode root = new Walk(p, out).value();
      if (p.nextToken() != null) {
        out.error(pos(p.currentTokenLocation()), "yaml-syntax",
            "a rule file holds one YAML document, but a second one starts here", null);
      }
      return root;
    } catch (JsonProcessingException e) {
      syntaxError(e, out);
      return null;
    } catch (YAMLException e) {
      // SnakeYAML errors that Jackson does not wrap (rare); still a diagnostic, never a crash.
      markedOrPlain(e, null, out);
      return null;
    } catch (IOException e) {
      // Reading a String cannot fail on I/O; anything here is a parse failure in disguise.
      out.error(Pos.START, "yaml-syntax", "invalid YAML: " + e.getMessage(), null);
      out.markUnreadable();
      return null;
    }
  }

  private static void syntaxError(JsonProcessingException e, FileReporter out) {
    Throwable cause = e.getCause();
    if (cause instanceof MarkedYAMLException) {
      markedOrPlain((MarkedYAMLException) cause, e.getLocation(), out);
      return;
    }
    JsonLocation loc = e.getLocation();
    out.error(loc == null ? Pos.START : pos(loc), "yaml-syntax",
        "invalid YAML: " + oneLine(e.getOriginalMessage()), null);
    out.markUnreadable();
  }

  private static void markedOrPlain(RuntimeException e, JsonLocation fallback, FileReporter out) {
    Pos at = fallback == null ? Pos.START : pos(fallback);
    String message;
    if (e instanceof MarkedYAMLException) {
      MarkedYAMLException m = (MarkedYAMLException) e;
      Mark mark = m.getProblemMark();
      if (mark != null) {
        at = new Pos(mark.getLine() + 1, mark.getColumn() + 1);
      }
      message = "invalid YAML: " + oneLine(m.getProblem());
      Mark contextMark = m.getContextMark();
      if (m.getContext() != null && contextMark != null) {
        message += " (" + oneLine(m.getContext()) + " at line " + (contextMark.getLine() + 1)
            + ", column " + (contextMark.getColumn() + 1) + ")";
      }
    } else {
      message = "invalid YAML: " + oneLine(e.getMessage());
    }
    out.error(at, "yaml-syntax", message, null);
    out.markUnreadable();
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "unreadable document";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }

  static Pos pos(JsonLocation loc) {
    return new Pos(Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
  }

  /** One traversal; the parser stands on the first token of the value to read. */
  private static final class Walk {
    private final JsonParser p;
    private final FileReporter out;
    private final java.util.Map<String, RawNode> anchors = new HashMap<>();

    Walk(JsonParser p, FileReporter out) {
      this.p = p;
      this.out = out;
    }

    RawNode value() throws IOException {
      JsonToken t = p.currentToken();
      Pos at = pos(p.currentTokenLocation());
      Object anchor = p.getObjectId();
      RawNode node;
      if (t == JsonToken.START_OBJECT) {
        node = mapping(at);
      } else if (t == JsonToken.START_ARRAY) {
        List<RawNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(value());
        }
        node = new RawNode.Seq(at, items);
      } else {
        node = scalar(t, at);
      }
      if (anchor != null) {
        anchors.put(anchor.toString(), node);
      }
      return node;
    }

    private RawNode mapping(Pos at) throws IOException {
      List<RawNode.Entry> entries = new ArrayList<>();
      java.util.Map<String, Pos> seen = new HashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        Pos keyPos = pos(p.currentTokenLocation());
        p.nextToken();
        RawNode value = value();
        Pos first = seen.putIfAbsent(key, keyPos);
        if (first != null) {
          out.error(keyPos, "yaml-syntax", "duplicate key '" + key + "' (first at line "
              + first.line() + ", column " + first.column() + ")", null);
        } else {
          entries.add(new RawNode.Entry(key, keyPos, value));
        }
      }
      return new RawNode.Map(at, entries);
    }

    /**
     * Stands in for a refused alias with a node of the same shape but no content, so the alias
     * is the only error reported and nothing is expanded.
     */
    private static RawNode placeholder(RawNode target, Pos at) {
      if (target instanceof RawNode.Scalar) {
        RawNode.Scalar s = (RawNode.Scalar) target;
        return new RawNode.Scalar(at, s.kind(), s.text(), s.number(), s.truth());
      }
      if (target instanceof RawNode.Seq) {
        return new RawNode.Seq(at, List.of());
      }
      if (target instanceof RawNode.Map) {
        return new RawNode.Map(at, List.of());
      }
      return new RawNode.Scalar(at, RawNode.Kind.NULL, "", 0, false);
    }

    private RawNode scalar(JsonToken t, Pos at) throws IOException {
      if (p instanceof YAMLParser && ((YAMLParser) p).isCurrentAlias()) {
        // Jackson hands an alias over as its anchor's name; expanding it ourselves would also
        // let a small file expand into an exponential tree ("billion laughs").
        out.error(at, "yaml-syntax", "YAML aliases (*" + p.getText()
            + ") are not supported in rule files; use a list from 'lists:' instead", null);
        return placeholder(anchors.get(p.getText()), at);
      }
      String text = p.getText();
      switch (t) {
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
          return new RawNode.Scalar(at,
              t == JsonToken.VALUE_NUMBER_INT ? RawNode.Kind.INTEGER : RawNode.Kind.FLOAT,
              text, p.getNumberValue().doubleValue(), false);
        case VALUE_TRUE:
        case VALUE_FALSE:
          return new RawNode.Scalar(at, RawNode.Kind.BOOLEAN, text, 0,
              t == JsonToken.VALUE_TRUE);
        case VALUE_NULL:
          return new RawNode.Scalar(at, RawNode.Kind.NULL, text == null ? "" : text, 0, false);
        default:
          return new RawNode.Scalar(at, RawNode.Kind.STRING, text == null ? "" : text, 0, false);
      }
    }
  }
}
