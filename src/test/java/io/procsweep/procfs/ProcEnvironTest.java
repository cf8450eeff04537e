package io.procsweep.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcEnvironTest {
  /** As /proc/PID/environ holds it: NUL-separated, NUL-terminated. */
  private static final String ENVIRON = "PATH=/usr/bin:/bin\0HOME=/root\0"
      + "PROCSWEEP_RUN_ID_OLD=nope\0PROCSWEEP_RUN_ID=ab12\0EMPTY=\0LANG=C.UTF-8\0";

  private static Optional<String> parse(String environ, String name) {
    byte[] b = environ.getBytes(StandardCharsets.UTF_8);
    return ProcEnviron.parseVariable(b, b.length, name);
  }

  @Test
  void findsTheExactNameNotAPrefixOfAnother() {
    assertEquals(Optional.of("ab12"), parse(ENVIRON, "PROCSWEEP_RUN_ID"));
    assertEquals(Optional.of("nope"), parse(ENVIRON, "PROCSWEEP_RUN_ID_OLD"));
    assertEquals(Optional.empty(), parse(ENVIRON, "PROCSWEEP"));
  }

  @Test
  void emptyValueAndAbsentVariableDiffer() {
    assertEquals(Optional.of(""), parse(ENVIRON, "EMPTY"));
    assertEquals(Optional.empty(), parse(ENVIRON, "MISSING"));
  }

  @Test
  void lastEntryWithoutTrailingNulAndAnEmptyFile() {
    assertEquals(Optional.of("C.UTF-8"), parse("HOME=/\0LANG=C.UTF-8", "LANG"));
    assertEquals(Optional.empty(), parse("", "LANG"));
    // A value containing '=' keeps it; only the first '=' separates the name.
    assertEquals(Optional.of("a=b"), parse("X=a=b\0", "X"));
  }

  @Test
  void readsThisProcessesOwnEnvironment() throws IOException {
    Map.Entry<String, String> any = System.getenv().entrySet().stream()
        .filter(e -> !e.getKey().isEmpty()).findFirst().orElseThrow();
    Optional<String> read = ProcEnviron.read(new ProcReader(), (int) ProcessHandle.current().pid(),
        any.getKey());
    assertEquals(Optional.of(any.getValue()), read);
  }
}
