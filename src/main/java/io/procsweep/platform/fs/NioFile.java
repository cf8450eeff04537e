package io.procsweep.platform.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/** Windows: a file channel opened by {@link NioDir}. */
final class NioFile implements OpenFile {
  private final Path path;
  private final FileChannel channel;

  NioFile(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  @Override
  public FileStat stat() throws IOException {
    BasicFileAttributes a = NioDir.attrs(path);
    return NioDir.stat(path, a);
  }

  @Override
  public byte[] read(int maxBytes) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(Math.max(0, maxBytes));
    try {
      while (buf.hasRemaining() && channel.read(buf) > 0) {
        // keep reading until full or end of file
      }
    } catch (IOException e) {
      throw NioDir.map(e, path);
    }
    return Arrays.copyOf(buf.array(), buf.position());
  }

  @Override
  public void write(byte[] data) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(data);
    try {
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
    } catch (IOException e) {
      throw NioDir.map(e, path);
    }
  }

  @Override
  public void fsync() throws IOException {
    try {
      channel.force(true);
    } catch (IOException e) {
      throw NioDir.map(e, path);
    }
  }

  @Override
  public long size() throws IOException {
    try {
      return channel.size();
    } catch (IOException e) {
      throw NioDir.map(e, path);
    }
  }

  @Override
  public void truncate(long size) throws IOException {
    try {
      channel.truncate(size);
    } catch (IOException e) {
      throw NioDir.map(e, path);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing was written that a failed close could lose: writers call fsync first.
    }
  }
}
