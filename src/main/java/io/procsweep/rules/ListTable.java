package io.procsweep.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every named list of every file, merged. A reference may name a list from its own file or an
 * earlier one, and binds late: it sees the list's last definition, so a later file that
 * redefines a list changes every rule that uses it (how an operator extends shipped defaults).
 */
final class ListTable {
  private final Map<String, Entry> lists = new LinkedHashMap<>();

  /** Adds or replaces a list defined in file {@code fileIndex}; files are added in order. */
  void define(RawRuleFile.RawList list, int fileIndex) {
    Entry earlier = lists.get(list.name());
    lists.put(list.name(), new Entry(list, earlier == null ? fileIndex : earlier.firstFile()));
  }

  /** The list's last definition if file {@code fileIndex} may refer to it, else null. */
  RawRuleFile.RawList visible(String name, int fileIndex) {
    Entry e = lists.get(name);
    return e == null || e.firstFile() > fileIndex ? null : e.list();
  }

  /** Names file {@code fileIndex} may refer to, for suggestions. */
  List<String> visibleNames(int fileIndex) {
    List<String> out = new ArrayList<>();
    for (Entry e : lists.values()) {
      if (e.firstFile() <= fileIndex) {
        out.add(e.list().name());
      }
    }
    return out;
  }

  private record Entry(RawRuleFile.RawList list, int firstFile) {}
}
