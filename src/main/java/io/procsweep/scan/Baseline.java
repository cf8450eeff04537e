package io.procsweep.scan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procsweep.platform.fs.BoundedFiles;
import io.procsweep.snapshot.ProcessInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The findings of an earlier JSON report ({@code procsweep/report/v2}, or v1), to report only
 * what is new since ({@code scan --baseline}). A finding is known when the baseline holds the
 * same rule for the same process: same pid, same start time (to the millisecond, as reports
 * write it) and same name. The pid alone would not do: a pid reused by a new process, or a
 * process that exec'd into another program, is new.
 */
public final class Baseline {
  /** Far above a real report (about 2 KiB per finding); a bigger file is not one of ours. */
  public static final int MAX_BYTES = 64 * 1024 * 1024;

  static final Set<String> SCHEMAS = Set.of("procsweep/report/v2", "procsweep/report/v1");

  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
      .build());

  /** One rule that matched one incarnation of a process. */
  record Key(String rule, int pid, long startTimeMs, String name) {
    static Key of(String rule, ProcessInfo p) {
      return new Key(rule, p.pid(), p.startTimeMs(), p.name());
    }
  }

  private final Set<Key> known;

  Baseline(Set<Key> known) {
    this.known = Set.copyOf(known);
  }

  /** Reads a report file: a regular file of at most {@value #MAX_BYTES} bytes. */
  public static Baseline read(Path file) throws BaselineException {
    byte[] bytes;
    try {
      bytes = BoundedFiles.readRegular(file, MAX_BYTES);
    } catch (FileSystemException e) {
      throw new BaselineException("cannot read baseline " + file + ": "
          + (e.getReason() != null ? e.getReason() : e.getMessage()), e);
    } catch (IOException e) {
      throw new BaselineException("cannot read baseline " + file + ": " + e.getMessage(), e);
    }
    return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses a report's text.
   *
   * @param source names the input in messages
   */
  public static Baseline parse(String json, String source) throws BaselineException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (StreamConstraintsException e) {
      throw new BaselineException("baseline " + source + " is nested deeper than a report");
    } catch (JsonProcessingException e) {
      throw new BaselineException("baseline " + source + " is not valid JSON (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
    }
    JsonNode schema = root == null ? null : root.get("schema");
    if (schema == null || !schema.isTextual() || !SCHEMAS.contains(schema.asText())) {
      throw new BaselineException("baseline " + source + " is not a procsweep scan report"
          + " (expected \"schema\": \"procsweep/report/v2\" or v1, from scan --format json)");
    }
    JsonNode findings = root.get("findings");
    if (findings == null || !findings.isArray()) {
      throw new BaselineException("baseline " + source + " has no findings array");
    }
    Set<Key> keys = new HashSet<>();
    for (int i = 0; i < findings.size(); i++) {
      String at = "baseline " + source + ": findings[" + i + "]";
      JsonNode f = findings.get(i);
      JsonNode p = f.path("process");
      JsonNode pid = p.path("pid");
      JsonNode name = p.path("name");
      JsonNode start = p.path("startTime");
      if (!pid.canConvertToInt() || !pid.isIntegralNumber() || !name.isTextual()
          || !start.isTextual()) {
        throw new BaselineException(at + " lacks its process's pid, name or startTime");
      }
      long startMs;
      try {
        startMs = Instant.parse(start.asText()).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new BaselineException(at + ".process.startTime is no timestamp: "
            + start.asText(), e);
      }
      List<String> rules = rules(f);
      if (rules.isEmpty()) {
        throw new BaselineException(at + " names no rule");
      }
      for (String rule : rules) {
        keys.add(new Key(rule, pid.asInt(), startMs, name.asText()));
      }
    }
    return new Baseline(keys);
  }

  /** v2 lists every matched rule under {@code rules[].id}; v1 has one {@code rule}. */
  private static List<String> rules(JsonNode finding) {
    List<String> out = new ArrayList<>();
    JsonNode lead = finding.path("rule");
    if (lead.isTextual()) {
      out.add(lead.asText());
    }
    for (JsonNode m : finding.path("rules")) {
      if (m.path("id").isTextual()) {
        out.add(m.path("id").asText());
      }
    }
    return out;
  }

  /** How many (rule, process) pairs the baseline holds. */
  public int size() {
    return known.size();
  }

  /**
   * The findings that are new: each keeps only the rules the baseline does not hold for its
   * process, and one whose every rule is known is left out. Narrowing a finding to its new
   * rules can change which rule leads and its severity, so the gate judges only what is new;
   * the order is the scanner's again.
   */
  public List<Finding> newFindings(List<Finding> findings) {
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      List<Match> fresh = new ArrayList<>();
      for (Match m : f.matches()) {
        if (!known.contains(Key.of(m.rule(), f.process()))) {
          fresh.add(m);
        }
      }
      if (fresh.size() == f.matches().size()) {
        out.add(f);
      } else if (!fresh.isEmpty()) {
        out.add(new Finding(f.process(), f.ageSeconds(), fresh, f.evidence(), f.context(),
            f.firstSeen()));
      }
    }
    out.sort(Scanner.ORDER);
    return out;
  }

  /** The scan with only its new findings ({@link #newFindings}). */
  public ScanResult filter(ScanResult result) {
    // The evaluated rules carry through: a JUnit report still lists the clean ones as passing.
    return result.withFindings(newFindings(result.findings()));
  }
}
