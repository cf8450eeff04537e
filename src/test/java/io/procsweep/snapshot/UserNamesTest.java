package io.procsweep.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserNamesTest {

  @Test
  void parsesPasswdFirstEntryWins() {
    Map<Integer, String> m = UserNames.parsePasswd("""
        root:x:0:0:root:/root:/bin/bash
        # comment:x:5:5::/:/bin/sh
        daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
        toor:x:0:0:second root:/root:/bin/sh
        +nisuser::::::
        broken line
        bad:x:notanumber:0::/:/bin/sh
        alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash""");
    assertEquals(Map.of(0, "root", 1, "daemon", 1000, "alice"), m);
  }

  @Test
  void unknownUidFallsBackToNumber() {
    UserNames u = new UserNames(Map.of(0, "root"));
    assertEquals("root", u.name(0));
    assertEquals("4242", u.name(4242));
    assertNull(u.find(4242));
  }

  @Test
  void missingFileGivesNumericNames() {
    UserNames u = UserNames.load(Path.of("/nonexistent/passwd"));
    assertEquals("0", u.name(0));
  }
}
