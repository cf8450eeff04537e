package io.procsweep.platform.fs;

import java.io.IOException;

/** An open file from a {@link DirHandle}; reads and writes go to this file whatever its name. */
public sealed interface OpenFile extends AutoCloseable permits PosixFile, NioFile {

  /** fstat of the open file. */
  FileStat stat() throws IOException;

  /** Reads from the current position until end of file or {@code maxBytes}, whichever first. */
  byte[] read(int maxBytes) throws IOException;

  /** Writes all of {@code data} (at the end when opened for append). */
  void write(byte[] data) throws IOException;

  /** Flushes the file's data and metadata to the device. */
  void fsync() throws IOException;

  /** The current size in bytes. */
  long size() throws IOException;

  /** ftruncate to {@code size} bytes. */
  void truncate(long size) throws IOException;

  /** Closes the file; never throws. */
  @Override
  void close();
}
