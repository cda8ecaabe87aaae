package dev.wasmmemory.memory;

import dev.wasmmemory.memory.ModelScenario.Data;
import dev.wasmmemory.memory.ModelScenario.Length;
import dev.wasmmemory.memory.ModelScenario.Position;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One operation, applied by {@link #run} to the engine and to the model of a {@link ModelWorld}.
 */
interface ModelAction {
  void run(ModelWorld world);

  record Set(int memory, Position at, Length length, Data data) implements ModelAction {
    @Override
    public void run(ModelWorld w) {
      long size = w.model(memory).sizeBytes();
      long offset = at.resolve(size);
      byte[] bytes = data.bytes(length.resolveForData(size, offset));
      w.compare(
          toString(),
          () -> {
            w.engine(memory).set(offset, bytes);
            return null;
          },
          () -> {
            w.model(memory).set(offset, bytes);
            return null;
          });
    }
  }

  record Get(int memory, Position at, Length length) implements ModelAction {
    @Override
    public void run(ModelWorld w) {
      long size = w.model(memory).sizeBytes();
      long offset = at.resolve(size);
      long n = length.resolve(size, offset);
      w.compare(
          toString(), () -> w.engine(memory).get(offset, n), () -> w.model(memory).get(offset, n));
    }
  }

  record ReadTo(int memory, Position at, Length length) implements ModelAction {
    @Override
    public void run(ModelWorld w) {
      long size = w.model(memory).sizeBytes();
      long offset = at.resolve(size);
      long n = length.resolve(size, offset);
      w.compare(
          toString(),
          () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            w.engine(memory).readTo(offset, n, out);
            return out.toByteArray();
          },
          () -> w.model(memory).get(offset, n));
    }
  }

  record SetBits(int memory, ValueType type, Position at, long bits) implements ModelAction {
    @Override
    public void run(ModelWorld w) {
      long offset = at.resolve(w.model(memory).sizeBytes());
      w.compare(
          toString(),
          () -> {
            w.engine(memory).setBits(type, offset, bits);
            return null;
          },
          () -> {
            w.model(memory).setBits(type, offset, bits);
            return null;
          });
    }
  }

  record GetBits(int memory, ValueType type, Position at) implements ModelAction {
    @Override
    public void run(ModelWorld w) {
      long offset = at.resolve(w.model(memory).sizeBytes());
      w.compare(
          toString(),
          () -> w.engine(memory).getBits(type, offset),
          () -> w.model(memory).getBits(type, offset));
    }
  }

  record Grow(int memory, long pages) implements ModelAction {
    @Override
    public void run(ModelWorld w) {
      w.compare(toString(), () -> w.engine(memory).grow(pages), () -> w.model(memory).grow(pages));
    }
  }

  record Copy(int memory, Position from, Position to, Length length, boolean nonOverlapping)
      implements ModelAction {
    @Override
    public void run(ModelWorld w) {
      long size = w.model(memory).sizeBytes();
      long source = from.resolve(size);
      long destination = to.resolve(size);
      long n = length.resolve(size, Math.max(source, destination));
      w.compare(
          toString(),
          () -> {
            if (nonOverlapping) {
              w.engine(memory).copyNonOverlapping(source, destination, n);
            } else {
              w.engine(memory).copy(source, destination, n);
            }
            return null;
          },
          () -> {
            if (nonOverlapping) {
              w.model(memory).copyNonOverlapping(source, destination, n);
            } else {
              w.model(memory).copy(source, destination, n);
            }
            return null;
          });
    }
  }

  record Transfer(int source, int destination, Position from, Position to, Length length)
      implements ModelAction {
    @Override
    public void run(ModelWorld w) {
      long sourceOffset = from.resolve(w.model(source).sizeBytes());
      long destinationOffset = to.resolve(w.model(destination).sizeBytes());
      long n = length.resolve(w.model(destination).sizeBytes(), destinationOffset);
      w.compare(
          toString(),
          () -> {
            w.engine(destination)
                .transferFrom(w.engine(source), sourceOffset, destinationOffset, n);
            return null;
          },
          () -> {
            ReferenceMemory.transfer(
                w.model(source), sourceOffset, w.model(destination), destinationOffset, n);
            return null;
          });
    }
  }

  /** {@code clear}, or {@code zero} when {@code value} is 0 and {@code viaZero} is set. */
  record Clear(int memory, Position at, Length length, byte value, boolean viaZero)
      implements ModelAction {
    @Override
    public void run(ModelWorld w) {
      long size = w.model(memory).sizeBytes();
      long offset = at.resolve(size);
      long n = length.resolve(size, offset);
      w.compare(
          toString(),
          () -> {
            if (viaZero && value == 0) {
              w.engine(memory).zero(offset, n);
            } else {
              w.engine(memory).clear(offset, value, n);
            }
            return null;
          },
          () -> {
            w.model(memory).clear(offset, value, n);
            return null;
          });
    }
  }

  record Erase(int memory) implements ModelAction {
    @Override
    public void run(ModelWorld w) {
      w.compare(
          toString(),
          () -> {
            w.engine(memory).erase();
            return null;
          },
          () -> {
            w.model(memory).erase();
            return null;
          });
    }
  }

  /**
   * {@code writeFrom} with an announced length, or none ({@code known} false: up to the end of the
   * stream); the stream holds {@code surplus} bytes more (or fewer) than announced or than fit.
   */
  record WriteFrom(int memory, Position at, Length length, boolean known, int surplus, Data data)
      implements ModelAction {
    @Override
    public void run(ModelWorld w) {
      long size = w.model(memory).sizeBytes();
      long offset = at.resolve(size);
      long announced = known ? length.resolve(size, offset) : -1;
      long base = known ? announced : size - offset;
      int streamLength = (int) Math.max(0, Math.min(base + surplus, 8L * Pages.PAGE_SIZE));
      byte[] content = data.bytes(streamLength);
      w.compare(
          toString(),
          () ->
              w.engine(memory)
                  .writeFrom(offset, announced, new ByteArrayInputStream(content))
                  .length(),
          () -> w.model(memory).writeFrom(offset, announced, content));
    }
  }

  /** Writes {@code data} through {@code withDirectAccessMut}, chunk by chunk. */
  record DirectWrite(int memory, Position at, Length length, Data data) implements ModelAction {
    @Override
    public void run(ModelWorld w) {
      long size = w.model(memory).sizeBytes();
      long offset = at.resolve(size);
      long n = length.resolve(size, offset);
      byte[] bytes = data.bytes(n <= size ? (int) n : 0);
      w.compare(
          toString(),
          () -> {
            int[] written = {0};
            w.engine(memory)
                .withDirectAccessMut(
                    offset,
                    n,
                    chunk -> {
                      int k = chunk.remaining();
                      chunk.put(bytes, written[0], k);
                      written[0] += k;
                    });
            return null;
          },
          () -> {
            w.model(memory).clear(offset, (byte) 0, n);
            w.model(memory).set(offset, bytes);
            return null;
          });
    }
  }

  /**
   * Opens a view, then fills the whole memory with {@code value} on both sides: the view must still
   * show the bytes from before the fill.
   */
  record ViewThenFill(int memory, Position at, Length length, byte value) implements ModelAction {
    @Override
    public void run(ModelWorld w) {
      long size = w.model(memory).sizeBytes();
      long offset = at.resolve(size);
      long n = length.resolve(size, offset);
      RegionView[] opened = new RegionView[1];
      w.compare(
          "open " + this,
          () -> {
            opened[0] = w.engine(memory).view(offset, n);
            return null;
          },
          () -> {
            w.model(memory).get(offset, n);
            return null;
          });
      if (opened[0] == null) {
        return;
      }
      byte[] expected = w.model(memory).get(offset, n);
      try (RegionView view = opened[0]) {
        new Clear(memory, new Position(ModelScenario.Anchor.START, 0, 0), FILL_ALL, value, false)
            .run(w);
        ByteBuffer seen = ByteBuffer.allocate((int) n);
        view.forEachChunk(seen::put);
        TestBytes.assertSameBytes(seen.array(), expected);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    private static final Length FILL_ALL = new Length(ModelScenario.Extent.REST, 0);
  }
}
