package io.procsweep.rules;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RawNode} tree as compact binary, positions included, so a rule file parsed at build
 * time needs neither YAML library at run time. The header names the format version and the
 * sha256 of the text the tree was parsed from; {@link #read} returns null for anything it does
 * not recognise, and the caller parses the YAML instead.
 */
final class RawTreeCodec {
  private static final int MAGIC = 0x50535254; // "PSRT"
  /** Raised whenever RawNode, Pos or this layout changes: an old file is then ignored. */
  private static final int FORMAT = 1;
  private static final byte SCALAR = 1;
  private static final byte SEQ = 2;
  private static final byte MAP = 3;

  private RawTreeCodec() {}

  static void write(RawNode root, String sha256, OutputStream to) throws IOException {
    DataOutputStream out = new DataOutputStream(to);
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeUTF(sha256);
    node(root, out);
    out.flush();
  }

  /** The tree, or null when the data is not a tree of this format for {@code sha256}. */
  static RawNode read(InputStream from, String sha256) {
    try {
      DataInputStream in = new DataInputStream(from);
      if (in.readInt() != MAGIC || in.readInt() != FORMAT || !in.readUTF().equals(sha256)) {
        return null;
      }
      RawNode root = node(in);
      return in.read() == -1 ? root : null;
    } catch (IOException | RuntimeException e) {
      return null; // truncated or corrupt: the YAML is still there
    }
  }

  private static void node(RawNode n, DataOutput out) throws IOException {
    if (n instanceof RawNode.Scalar) {
      RawNode.Scalar s = (RawNode.Scalar) n;
      out.writeByte(SCALAR);
      pos(s.pos(), out);
      out.writeByte(s.kind().ordinal());
      out.writeUTF(s.text());
      out.writeDouble(s.number());
      out.writeBoolean(s.truth());
    } else if (n instanceof RawNode.Seq) {
      RawNode.Seq s = (RawNode.Seq) n;
      out.writeByte(SEQ);
      pos(s.pos(), out);
      out.writeInt(s.items().size());
      for (RawNode item : s.items()) {
        node(item, out);
      }
    } else {
      RawNode.Map m = (RawNode.Map) n;
      out.writeByte(MAP);
      pos(m.pos(), out);
      out.writeInt(m.entries().size());
      for (RawNode.Entry e : m.entries()) {
        out.writeUTF(e.key());
        pos(e.keyPos(), out);
        node(e.value(), out);
      }
    }
  }

  private static RawNode node(DataInput in) throws IOException {
    byte tag = in.readByte();
    Pos pos = pos(in);
    switch (tag) {
      case SCALAR:
        return new RawNode.Scalar(pos, RawNode.Kind.values()[in.readUnsignedByte()],
            in.readUTF(), in.readDouble(), in.readBoolean());
      case SEQ: {
        int n = in.readInt();
        List<RawNode> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          items.add(node(in));
        }
        return new RawNode.Seq(pos, items);
      }
      case MAP: {
        int n = in.readInt();
        List<RawNode.Entry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          entries.add(new RawNode.Entry(in.readUTF(), pos(in), node(in)));
        }
        return new RawNode.Map(pos, entries);
      }
      default:
        throw new IOException("unknown node tag " + tag);
    }
  }

  private static void pos(Pos p, DataOutput out) throws IOException {
    out.writeInt(p.line());
    out.writeInt(p.column());
  }

  private static Pos pos(DataInput in) throws IOException {
    return new Pos(in.readInt(), in.readInt());
  }
}
