package io.procsweep.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step, never shipped: rewrites the class files under a package prefix of a jar to class
 * file version 52 (Java 8), computing the stack map frames the newer format requires.
 *
 * <p>Why: picocli's classes are version 49 (Java 5). Neither AppCDS (JDK 17-24) nor the AOT
 * cache (JDK 25) archives classes that only the old verifier can check, so every start loaded,
 * verified and linked picocli from the jar again. Rewritten, they are mapped from the archive
 * like every other class.
 *
 * <p>Usage: {@code java -cp asm.jar UpgradeClassFiles.java JAR PREFIX...}; the jar is replaced
 * atomically. Classes already at version 52 or above are copied as they are, so a second run
 * changes nothing.
 */
public final class UpgradeClassFiles {
  static final int TARGET = Opcodes.V1_8;

  private UpgradeClassFiles() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: UpgradeClassFiles JAR PREFIX...");
    }
    Path jar = Path.of(args[0]);
    List<String> prefixes = List.of(args).subList(1, args.length);
    int upgraded = upgrade(jar, prefixes);
    System.out.println("UpgradeClassFiles: " + upgraded + " classes under " + prefixes
        + " rewritten to class file version " + TARGET + " in " + jar);
  }

  /** Rewrites the jar in place; returns how many classes it upgraded. */
  static int upgrade(Path jar, List<String> prefixes) throws IOException {
    Path tmp = Files.createTempFile(jar.toAbsolutePath().getParent(), ".upgrade", ".jar");
    int upgraded = 0;
    try (ZipFile in = new ZipFile(jar.toFile());
        OutputStream file = Files.newOutputStream(tmp);
        ZipOutputStream out = new ZipOutputStream(file)) {
      Hierarchy hierarchy = new Hierarchy(in);
      for (ZipEntry entry : java.util.Collections.list(in.entries())) {
        byte[] bytes;
        try (InputStream s = in.getInputStream(entry)) {
          bytes = s.readAllBytes();
        }
        if (entry.getName().endsWith(".class") && selected(entry.getName(), prefixes)
            && majorVersion(bytes) < TARGET) {
          bytes = rewrite(bytes, hierarchy);
          upgraded++;
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    try {
      // The temporary file is private (0600); the jar keeps the mode it had.
      Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(jar));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: no modes to keep.
    }
    Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return upgraded;
  }

  private static boolean selected(String name, List<String> prefixes) {
    return prefixes.stream().anyMatch(name::startsWith);
  }

  /** The major version from a class file's header: bytes 6 and 7, big-endian. */
  static int majorVersion(byte[] classFile) {
    return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
  }

  static byte[] rewrite(byte[] classFile, Hierarchy hierarchy) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected String getCommonSuperClass(String type1, String type2) {
        return hierarchy.commonSuperClass(type1, type2);
      }
    };
    ClassVisitor version = new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int v, int access, String name, String signature, String superName,
          String[] interfaces) {
        super.visit(TARGET, access, name, signature, superName, interfaces);
      }
    };
    // JSR/RET (forbidden from version 51) make COMPUTE_FRAMES throw: the build fails loudly.
    reader.accept(version, ClassReader.SKIP_FRAMES);
    return writer.toByteArray();
  }

  /**
   * The class hierarchy read from class files, the jar's own first, then the JDK's: the frames
   * of picocli's methods merge picocli types, which the build's class loader does not have,
   * and loading them would run their static initialisers.
   */
  static final class Hierarchy {
    private record Node(String superName, boolean isInterface, List<String> interfaces) {}

    private final ZipFile jar;
    private final Map<String, Node> nodes = new HashMap<>();

    Hierarchy(ZipFile jar) {
      this.jar = jar;
    }

    String commonSuperClass(String type1, String type2) {
      if (assignable(type1, type2)) {
        return type1;
      }
      if (assignable(type2, type1)) {
        return type2;
      }
      if (node(type1).isInterface() || node(type2).isInterface()) {
        return "java/lang/Object";
      }
      String t = type1;
      do {
        t = node(t).superName();
      } while (!assignable(t, type2));
      return t;
    }

    /** Whether a value of type {@code from} can be stored in a variable of type {@code to}. */
    private boolean assignable(String to, String from) {
      return supertypes(from).contains(to);
    }

    private Set<String> supertypes(String type) {
      Set<String> all = new LinkedHashSet<>();
      List<String> todo = new ArrayList<>(List.of(type));
      while (!todo.isEmpty()) {
        String t = todo.remove(todo.size() - 1);
        if (t == null || !all.add(t)) {
          continue;
        }
        Node n = node(t);
        todo.add(n.superName());
        todo.addAll(n.interfaces());
      }
      return all;
    }

    private Node node(String type) {
      Node n = nodes.get(type);
      if (n == null) {
        ClassReader r = new ClassReader(bytes(type));
        n = new Node(r.getSuperName(), (r.getAccess() & Opcodes.ACC_INTERFACE) != 0,
            List.of(r.getInterfaces()));
        nodes.put(type, n);
      }
      return n;
    }

    private byte[] bytes(String type) {
      String name = type + ".class";
      try {
        ZipEntry e = jar.getEntry(name);
        if (e != null) {
          try (InputStream in = jar.getInputStream(e)) {
            return in.readAllBytes();
          }
        }
        try (InputStream in = ClassLoader.getSystemResourceAsStream(name)) {
          if (in != null) {
            return in.readAllBytes();
          }
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      // Guessing java/lang/Object could write frames the verifier rejects at run time.
      throw new IllegalStateException("class " + type + " is neither in the jar nor the JDK");
    }
  }
}
