package dev.wasmmemory.module;

import dev.wasmmemory.module.InstanceRecord.Binding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Module and instance records as bytes for a {@link dev.wasmmemory.store.RecordStore}: a format
 * byte, then the fields in declaration order (strings as length and UTF-8, null as an absent flag).
 * A record in a format this build does not read is refused rather than misread.
 */
final class RecordCodec {
  private static final int MODULE_FORMAT = 1;
  private static final int INSTANCE_FORMAT = 1;

  private RecordCodec() {}

  static byte[] encode(ModuleRecord module) {
    return write(
        out -> {
          out.writeByte(MODULE_FORMAT);
          writeText(out, module.id());
          writeInstant(out, module.createdAt());
          writeNullable(out, module.owner());
          out.writeInt(module.bytes().length);
          out.write(module.bytes());
        });
  }

  static ModuleRecord decodeModule(byte[] bytes) {
    return read(
        bytes,
        in -> {
          format(in, MODULE_FORMAT, "module");
          String id = readText(in);
          Instant createdAt = readInstant(in);
          String owner = readNullable(in);
          byte[] binary = new byte[in.readInt()];
          in.readFully(binary);
          return new ModuleRecord(id, binary, createdAt, owner);
        });
  }

  static byte[] encode(InstanceRecord instance) {
    return write(
        out -> {
          out.writeByte(INSTANCE_FORMAT);
          writeText(out, instance.id());
          writeText(out, instance.moduleId());
          out.writeInt(instance.imports().size());
          for (Map.Entry<String, Binding> entry : instance.imports().entrySet()) {
            writeText(out, entry.getKey());
            writeNullable(out, entry.getValue().memoryId());
            writeNullable(out, entry.getValue().globalType());
            out.writeLong(entry.getValue().globalBits());
          }
          out.writeInt(instance.memories().size());
          for (String memory : instance.memories()) {
            writeText(out, memory);
          }
          out.writeInt(instance.definedMemories());
          out.writeInt(instance.globals().length);
          for (long[] global : instance.globals()) {
            out.writeLong(global[0]);
            out.writeLong(global[1]);
          }
          byte[] dropped =
              instance.droppedSegments() == null
                  ? new byte[0]
                  : instance.droppedSegments().toByteArray();
          out.writeInt(dropped.length);
          out.write(dropped);
          writeWasi(out, instance.wasi());
          writeInstant(out, instance.createdAt());
          writeNullable(out, instance.owner());
        });
  }

  static InstanceRecord decodeInstance(byte[] bytes) {
    return read(
        bytes,
        in -> {
          format(in, INSTANCE_FORMAT, "instance");
          String id = readText(in);
          String moduleId = readText(in);
          Map<String, Binding> imports = new LinkedHashMap<>();
          for (int i = in.readInt(); i > 0; i--) {
            String name = readText(in);
            imports.put(name, new Binding(readNullable(in), readNullable(in), in.readLong()));
          }
          List<String> memories = new ArrayList<>();
          for (int i = in.readInt(); i > 0; i--) {
            memories.add(readText(in));
          }
          int defined = in.readInt();
          long[][] globals = new long[in.readInt()][];
          for (int i = 0; i < globals.length; i++) {
            globals[i] = new long[] {in.readLong(), in.readLong()};
          }
          byte[] dropped = new byte[in.readInt()];
          in.readFully(dropped);
          WasiConfig wasi = readWasi(in);
          return new InstanceRecord(
              id,
              moduleId,
              imports,
              List.copyOf(memories),
              defined,
              globals,
              BitSet.valueOf(dropped),
              wasi,
              readInstant(in),
              readNullable(in));
        });
  }

  private static void writeWasi(DataOutputStream out, WasiConfig wasi) throws IOException {
    out.writeBoolean(wasi != null);
    if (wasi == null) {
      return;
    }
    out.writeInt(wasi.args().size());
    for (String arg : wasi.args()) {
      writeText(out, arg);
    }
    out.writeInt(wasi.env().size());
    for (Map.Entry<String, String> entry : wasi.env().entrySet()) {
      writeText(out, entry.getKey());
      writeText(out, entry.getValue());
    }
    out.writeInt(wasi.stdin().length);
    out.write(wasi.stdin());
  }

  private static WasiConfig readWasi(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    List<String> args = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      args.add(readText(in));
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      env.put(readText(in), readText(in));
    }
    byte[] stdin = new byte[in.readInt()];
    in.readFully(stdin);
    return new WasiConfig(args, env, stdin);
  }

  private static void format(DataInputStream in, int expected, String what) throws IOException {
    int found = in.readUnsignedByte();
    if (found != expected) {
      throw new IllegalStateException(
          "a stored " + what + " record is in format " + found + ", this build reads " + expected);
    }
  }

  private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
    out.writeLong(instant.getEpochSecond());
    out.writeInt(instant.getNano());
  }

  private static Instant readInstant(DataInputStream in) throws IOException {
    return Instant.ofEpochSecond(in.readLong(), in.readInt());
  }

  private static void writeText(DataOutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readText(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void writeNullable(DataOutputStream out, String text) throws IOException {
    out.writeBoolean(text != null);
    if (text != null) {
      writeText(out, text);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? readText(in) : null;
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private static byte[] write(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  private static <T> T read(byte[] bytes, Reader<T> reader) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      return reader.read(in);
    } catch (IOException e) {
      throw new IllegalStateException("a stored record is truncated", e);
    }
  }
}
