package io.procsweep.procfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcReaderTest {
  @TempDir Path dir;

  @Test
  void readsFilesLargerThanItsBufferWhole() throws IOException {
    byte[] data = new byte[100_000];
    new Random(7).nextBytes(data);
    Path f = Files.write(dir.resolve("big"), data);
    ProcReader r = new ProcReader();
    int n = r.read(f.toString());
    assertArrayEquals(data, Arrays.copyOf(r.buffer(), n));
    int m = r.readSeqFile(f.toString(), 4096, 512);
    assertArrayEquals(data, Arrays.copyOf(r.buffer(), m));
  }

  @Test
  void shortSeqFileStopsAfterOneRead() throws IOException {
    Path f = Files.writeString(dir.resolve("tcp"), "header\nline\n");
    ProcReader r = new ProcReader();
    assertEquals(12, r.readSeqFile(f.toString(), 4096, 512));
    assertEquals(0, r.read(Files.createFile(dir.resolve("empty")).toString()));
  }

  @Test
  void classifiesFailures() {
    ProcReader r = new ProcReader();
    IOException gone = assertThrows(NoSuchFileException.class,
        () -> r.read(dir.resolve("nope").toString()));
    assertTrue(ProcReader.isGone(gone));
    assertEquals("process exited", ProcReader.reason(gone));
    assertTrue(ProcReader.isGone(new FileSystemException("/proc/1/cmdline", null,
        "No such process")));
    assertTrue(ProcReader.isGone(new IOException("No such process")));
    assertEquals("access denied",
        ProcReader.reason(new java.nio.file.AccessDeniedException("/proc/1/exe")));
  }
}
