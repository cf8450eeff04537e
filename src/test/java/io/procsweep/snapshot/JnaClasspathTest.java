package io.procsweep.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exactly one JNA family on the class path. OSHI 7 depends on jna-jpms/jna-platform-jpms; adding
 * jna/jna-platform as well (an easy mistake: they are the usual coordinates) puts two copies of
 * the same classes on the class path, and which one loads depends on jar order.
 */
class JnaClasspathTest {

  private static List<URL> copies(String resource) throws Exception {
    return new ArrayList<>(Collections.list(ClassLoader.getSystemResources(resource)));
  }

  @Test
  void oneJna() throws Exception {
    List<URL> found = copies("com/sun/jna/Native.class");
    assertEquals(1, found.size(), found.toString());
  }

  @Test
  void oneJnaPlatform() throws Exception {
    List<URL> found = copies("com/sun/jna/platform/win32/Kernel32.class");
    assertEquals(1, found.size(), found.toString());
  }
}
