package io.procsweep.cleanup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procsweep.cleanup.pidfile.PidfileState;
import io.procsweep.cleanup.pidfile.StalePidfile;
import io.procsweep.platform.Signal;
import io.procsweep.rules.Severity;
import io.procsweep.snapshot.ProcState;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import io.procsweep.platform.fs.BoundedFiles;
import io.procsweep.platform.fs.FileId;
import io.procsweep.rules.RuleSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a plan saved by {@code PlanJsonWriter}. A saved plan is untrusted input: it is parsed
 * strictly (no unknown field, no duplicate key, bounded size and depth, every identity field and
 * every signal present and valid) and then only carried out where a fresh plan agrees ({@link
 * SavedPlanCheck}); what it says about modes, platforms or signals never widens the policy. The
 * JSON tree stays inside this class.
 */
public final class PlanJsonReader {
  /** Far above any real plan (about 1 KiB per action); a bigger file is not one of ours. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  /** Plans nest five deep; the cap keeps a hostile file from exhausting the stack. */
  static final int MAX_DEPTH = 16;

  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
          .maxStringLength(64 * 1024).build())
      .build());

  /**
   * Reads a plan file: a regular file (a FIFO or device is refused without blocking) of at most
   * {@value #MAX_BYTES} bytes.
   */
  public Plan read(Path file) throws PlanFormatException, IOException {
    byte[] bytes;
    try {
      bytes = BoundedFiles.readRegular(file, MAX_BYTES);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (FileSystemException e) {
      throw new PlanFormatException(file + ": " + e.getReason() + ".", e);
    }
    return read(new StringReader(new String(bytes, StandardCharsets.UTF_8)), file.toString());
  }

  /** @param source names the input in messages ({@code plan.json}, {@code <stdin>}) */
  public Plan read(Reader in, String source) throws PlanFormatException, IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (StreamConstraintsException e) {
      throw new PlanFormatException(source + ": nested or long beyond what a plan holds.", e);
    } catch (JsonProcessingException e) {
      String what = e.getOriginalMessage() != null
          && e.getOriginalMessage().startsWith("Duplicate field")
          ? "a key appears twice" : "not valid JSON";
      throw new PlanFormatException(source + ": " + what + " (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").", e);
    }
    if (root == null || !root.isObject()) {
      throw new PlanFormatException(source + ": not a procsweep plan (expected a JSON object).");
    }
    JsonNode schema = root.get("schema");
    if (schema == null || !schema.isTextual() || !schema.asText().equals(Plan.SCHEMA)) {
      String found = schema == null ? "no schema" : "schema " + schema;
      throw new PlanFormatException(source + ": not a plan this procsweep can carry out ("
          + found + ", expected \"" + Plan.SCHEMA + "\").");
    }
    return new Fields(source).plan(root);
  }

  /** Typed access with a path for every error message. */
  private static final class Fields {
    private final String source;

    Fields(String source) {
      this.source = source;
    }

    Plan plan(JsonNode root) throws PlanFormatException {
      only(root, "", "schema", "mode", "createdAt", "graceMs", "host", "platform", "ruleSets",
          "actions");
      Mode mode = Mode.fromLabel(text(root, "mode", "mode"));
      if (mode == null) {
        throw error("mode", "expected \"safe\" or \"forced\"");
      }
      Instant createdAt = instant(root, "createdAt", "createdAt");
      long graceMs = integer(root, "graceMs", "graceMs");
      if (graceMs < 0 || graceMs > Step.MAX_WAIT_MS) {
        throw error("graceMs", "must be between 0 and " + Step.MAX_WAIT_MS + " (one hour)");
      }
      // Required: a plan without a host could otherwise skip the other-host refusal.
      String host = text(root, "host", "host");
      String platform = text(root, "platform", "platform");
      List<RuleSource> ruleSets = new ArrayList<>();
      JsonNode sets = array(root, "ruleSets", "ruleSets");
      for (int i = 0; i < sets.size(); i++) {
        String at = "ruleSets[" + i + "]";
        JsonNode r = object(sets.get(i), at);
        only(r, at, "source", "sha256");
        ruleSets.add(new RuleSource(text(r, "source", at + ".source"),
            nullableText(r, "sha256", at + ".sha256")));
      }
      List<Action> actions = new ArrayList<>();
      JsonNode list = array(root, "actions", "actions");
      for (int i = 0; i < list.size(); i++) {
        actions.add(action(list.get(i), "actions[" + i + "]"));
      }
      return new Plan(mode, createdAt, Duration.ofMillis(graceMs), host, platform, actions,
          ruleSets);
    }

    /** Unknown fields are refused: a plan is ours or it is not carried out. */
    private void only(JsonNode n, String at, String... allowed) throws PlanFormatException {
      java.util.Set<String> ok = java.util.Set.of(allowed);
      var names = n.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!ok.contains(name)) {
          throw error(at.isEmpty() ? name : at + "." + name, "unknown field");
        }
      }
    }

    private Action action(JsonNode n, String at) throws PlanFormatException {
      object(n, at);
      only(n, at, "action", "target", "pidfile", "finding", "steps", "processes", "excluded",
          "zombies", "reason", "detail", "note", "description");
      String kind = text(n, "action", at + ".action");
      Cause cause = cause(object(n.get("finding"), at + ".finding"), at + ".finding");
      List<Step> steps = steps(array(n, "steps", at + ".steps"), at + ".steps");
      List<Target> processes = targets(array(n, "processes", at + ".processes"),
          at + ".processes");
      JsonNode zombies = n.get("zombies");
      if (zombies != null && !(zombies.isArray() && zombies.isEmpty())
          && !kind.equals("signal-parent") && !kind.equals("terminate-parent")) {
        throw error(at + ".zombies", "only a zombie's parent's action lists zombies");
      }
      try {
        switch (kind) {
          case "signal-parent":
            return new SignalParent(zombies(n, at), only(processes, at), cause,
                nonEmpty(steps, at));
          case "terminate":
            return new Terminate(target(n, at), cause, nonEmpty(steps, at),
                holders(target(n, at), processes, at), note(n, at));
          case "terminate-parent":
            return new TerminateParent(zombies(n, at), only(processes, at), cause,
                nonEmpty(steps, at), note(n, at));
          case "kill-tree":
            return new KillTree(target(n, at), cause, nonEmpty(steps, at), processes,
                excluded(array(n, "excluded", at + ".excluded"), at + ".excluded"),
                note(n, at));
          case "remove-pidfile":
            return new RemovePidfile(pidfile(n, at));
          case "none":
            return keep(n, at, cause);
          default:
            throw error(at + ".action", "unknown action \"" + kind + "\"");
        }
      } catch (IllegalArgumentException e) {
        throw error(at, e.getMessage());
      }
    }

    private Action keep(JsonNode n, String at, Cause cause) throws PlanFormatException {
      String label = text(n, "reason", at + ".reason");
      KeepReason reason = KeepReason.fromLabel(label);
      if (reason == null) {
        throw error(at + ".reason", "unknown reason \"" + label + "\"");
      }
      String detail = nullableText(n, "detail", at + ".detail");
      JsonNode target = n.get("target");
      if (target != null && !target.isNull()) {
        return new Keep(target(n, at), cause, reason, detail);
      }
      return new KeepPidfile(pidfile(n, at), reason, detail);
    }

    private Target target(JsonNode n, String at) throws PlanFormatException {
      return process(object(n.get("target"), at + ".target"), at + ".target");
    }

    private Target process(JsonNode t, String at) throws PlanFormatException {
      only(t, at, "pid", "startTime", "startTimeMs", "name", "user", "uid", "state");
      int pid = (int) integer(t, "pid", at + ".pid");
      long start = integer(t, "startTimeMs", at + ".startTimeMs");
      String name = text(t, "name", at + ".name");
      String user = nullableText(t, "user", at + ".user");
      JsonNode uidNode = t.get("uid");
      Integer uid = uidNode == null || uidNode.isNull() ? null : (int) integer(t, "uid",
          at + ".uid");
      ProcState state = ProcState.fromLabel(text(t, "state", at + ".state"));
      if (state == null) {
        throw error(at + ".state", "unknown process state");
      }
      return new Target(pid, start, name, user, uid, state);
    }

    private StalePidfile pidfile(JsonNode n, String at) throws PlanFormatException {
      String p = at + ".pidfile";
      JsonNode f = object(n.get("pidfile"), p);
      only(f, p, "path", "pid", "state", "ownerUid", "owner", "directory", "file");
      JsonNode pidNode = f.get("pid");
      Integer pid = pidNode == null || pidNode.isNull() ? null : (int) integer(f, "pid",
          p + ".pid");
      PidfileState state = PidfileState.fromLabel(text(f, "state", p + ".state"));
      if (state == null || !state.stale()) {
        throw error(p + ".state", "expected stale-dead, stale-reused or stale-garbage");
      }
      JsonNode uidNode = f.get("ownerUid");
      Integer ownerUid = uidNode == null || uidNode.isNull() ? null : (int) integer(f,
          "ownerUid", p + ".ownerUid");
      return new StalePidfile(Path.of(text(f, "path", p + ".path")), pid, state, ownerUid,
          nullableText(f, "owner", p + ".owner"), fileId(f, "directory", p + ".directory"),
          fileId(f, "file", p + ".file"));
    }

    /** Null when absent: such a pid file is then never removed (nothing pins it). */
    private FileId fileId(JsonNode parent, String field, String at) throws PlanFormatException {
      JsonNode n = parent.get(field);
      if (n == null || n.isNull()) {
        return null;
      }
      object(n, at);
      only(n, at, "dev", "ino");
      return new FileId(integer(n, "dev", at + ".dev"), integer(n, "ino", at + ".ino"));
    }

    private Cause cause(JsonNode c, String at) throws PlanFormatException {
      only(c, at, "rule", "category", "severity");
      Severity severity = Severity.fromLabel(text(c, "severity", at + ".severity"));
      if (severity == null) {
        throw error(at + ".severity", "unknown severity");
      }
      return new Cause(text(c, "rule", at + ".rule"), text(c, "category", at + ".category"),
          severity);
    }

    private List<Step> steps(JsonNode list, String at) throws PlanFormatException {
      List<Step> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String here = at + "[" + i + "]";
        JsonNode s = object(list.get(i), here);
        only(s, here, "signal", "waitMs");
        String label = text(s, "signal", here + ".signal");
        Signal signal = null;
        for (Signal candidate : Signal.values()) {
          if (candidate.label().equals(label)) {
            signal = candidate;
          }
        }
        if (signal == null) {
          throw error(here + ".signal", "expected SIGTERM, SIGKILL or SIGCHLD");
        }
        long wait = integer(s, "waitMs", here + ".waitMs");
        if (wait < 0 || wait > Step.MAX_WAIT_MS) {
          throw error(here + ".waitMs", "must be between 0 and " + Step.MAX_WAIT_MS + " (one hour)");
        }
        out.add(new Step(signal, wait));
      }
      return out;
    }

    private List<Target> targets(JsonNode list, String at) throws PlanFormatException {
      List<Target> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(process(object(list.get(i), at + "[" + i + "]"), at + "[" + i + "]"));
      }
      return out;
    }

    private List<Excluded> excluded(JsonNode list, String at) throws PlanFormatException {
      List<Excluded> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String here = at + "[" + i + "]";
        JsonNode e = object(list.get(i), here);
        only(e, here, "process", "reason", "detail");
        KeepReason reason = KeepReason.fromLabel(text(e, "reason", here + ".reason"));
        if (reason == null) {
          throw error(here + ".reason", "unknown reason");
        }
        out.add(new Excluded(process(object(e.get("process"), here + ".process"),
            here + ".process"), reason, nullableText(e, "detail", here + ".detail")));
      }
      return out;
    }

    /**
     * A parent action's zombies; the target is the first of them. Plans written before parent
     * actions were grouped have no {@code zombies}: the target is then the only one.
     */
    private List<Target> zombies(JsonNode n, String at) throws PlanFormatException {
      Target target = target(n, at);
      JsonNode list = n.get("zombies");
      if (list == null || (list.isArray() && list.isEmpty())) {
        return List.of(target);
      }
      List<Target> zombies = targets(array(n, "zombies", at + ".zombies"), at + ".zombies");
      Target lowest = zombies.stream().min(java.util.Comparator.comparingInt(Target::pid))
          .orElseThrow();
      if (!lowest.equals(target)) {
        throw error(at + ".target", "expected the lowest-pid zombie of " + at + ".zombies");
      }
      return zombies;
    }

    /** A terminate's processes: the holders of its ports, deepest first, then the target. */
    private List<Target> holders(Target target, List<Target> processes, String at)
        throws PlanFormatException {
      if (processes.isEmpty() || !processes.get(processes.size() - 1).equals(target)) {
        throw error(at + ".processes", "expected the target last");
      }
      return processes.subList(0, processes.size() - 1);
    }

    private Target only(List<Target> processes, String at) throws PlanFormatException {
      if (processes.size() != 1) {
        throw error(at + ".processes", "expected exactly the parent");
      }
      return processes.get(0);
    }

    private List<Step> nonEmpty(List<Step> steps, String at) throws PlanFormatException {
      if (steps.isEmpty()) {
        throw error(at + ".steps", "expected at least one step");
      }
      return steps;
    }

    private String note(JsonNode n, String at) throws PlanFormatException {
      return nullableText(n, "note", at + ".note");
    }

    private JsonNode object(JsonNode n, String at) throws PlanFormatException {
      if (n == null || !n.isObject()) {
        throw error(at, "expected an object");
      }
      return n;
    }

    private JsonNode array(JsonNode parent, String field, String at) throws PlanFormatException {
      JsonNode n = parent.get(field);
      if (n == null || !n.isArray()) {
        throw error(at, "expected an array");
      }
      return n;
    }

    private String text(JsonNode parent, String field, String at) throws PlanFormatException {
      JsonNode n = parent.get(field);
      if (n == null || !n.isTextual()) {
        throw error(at, "expected a string");
      }
      return n.asText();
    }

    private String nullableText(JsonNode parent, String field, String at)
        throws PlanFormatException {
      JsonNode n = parent.get(field);
      return n == null || n.isNull() ? null : text(parent, field, at);
    }

    private long integer(JsonNode parent, String field, String at) throws PlanFormatException {
      JsonNode n = parent.get(field);
      if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
        throw error(at, "expected an integer");
      }
      long v = n.asLong();
      if ((field.equals("pid") || field.equals("uid") || field.equals("ownerUid"))
          && (v < 0 || v > Integer.MAX_VALUE)) {
        throw error(at, "out of range");
      }
      return v;
    }

    private Instant instant(JsonNode parent, String field, String at) throws PlanFormatException {
      try {
        return Instant.parse(text(parent, field, at));
      } catch (DateTimeParseException e) {
        throw error(at, "expected a UTC timestamp like 2025-03-01T12:00:00.000Z");
      }
    }

    private PlanFormatException error(String at, String what) {
      return new PlanFormatException(source + ": " + at + ": " + what + ".");
    }
  }
}
