package io.procsweep.rules;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * Collects every diagnostic of one load, across files; loading never stops at the first error,
 * so a user fixes a file in one round instead of one error per run.
 */
final class Diagnostics {
  private final List<Item> items = new ArrayList<>();
  private final BitSet unreadable = new BitSet();

  /** Reports for one file; {@code index} orders files in the sorted output. */
  FileReporter file(int index, String name, String content) {
    return new FileReporter(this, index, name, content);
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  /** Every diagnostic, sorted by file order, line, column (stable for equal positions). */
  List<Diagnostic> sorted() {
    List<Item> copy = new ArrayList<>(items);
    copy.sort(
        Comparator.comparingInt(Item::fileIndex)
            .thenComparingInt(i -> i.diagnostic().line())
            .thenComparingInt(i -> i.diagnostic().column()));
    List<Diagnostic> out = new ArrayList<>(copy.size());
    for (Item i : copy) {
      out.add(i.diagnostic());
    }
    return out;
  }

  void add(int fileIndex, Diagnostic d) {
    items.add(new Item(fileIndex, d));
  }

  void markUnreadable(int fileIndex) {
    unreadable.set(fileIndex);
  }

  boolean unreadable(int fileIndex) {
    return unreadable.get(fileIndex);
  }

  /** True when a file before {@code fileIndex} could not be read at all. */
  boolean unreadableBefore(int fileIndex) {
    int first = unreadable.nextSetBit(0);
    return first >= 0 && first < fileIndex;
  }

  private record Item(int fileIndex, Diagnostic diagnostic) {}
}
