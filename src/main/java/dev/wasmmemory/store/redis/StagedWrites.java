package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.LinearMemory.StreamWrite;
import dev.wasmmemory.memory.OutOfBoundsException;
import dev.wasmmemory.memory.Pages;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Streamed writes ({@code writeFrom}) and large {@code set}s. A write of at most {@link
 * RedisMemory#INLINE_WRITE} bytes goes in one call; a larger one is read page by page into a {@link
 * StagedUpload} and applied by one {@code wm4_commit}, all of it or nothing: a stream that fails,
 * ends early or holds more than fits changes nothing, and neither does a refused commit.
 */
final class StagedWrites {
  /** {@code set}: a chunk is written where its page exists or its bytes are not all zeros. */
  static final int MODE_SET = 0;

  /** Streamed: the same, but a whole page of zeros drops its page. */
  static final int MODE_STAGED = 1;

  /** Direct access: every page touched is materialised. */
  static final int MODE_DIRECT = 2;

  private static final byte[] ZERO_PAGE = new byte[Pages.PAGE_SIZE];
  private static final byte[] EMPTY = new byte[0];

  private final RedisMemory memory;
  private final long offset;
  private final ByteArrayOutputStream inline = new ByteArrayOutputStream();
  private StagedUpload upload;
  private long length;

  private StagedWrites(RedisMemory memory, long offset) {
    this.memory = memory;
    this.offset = offset;
  }

  static StreamWrite ofStream(RedisMemory memory, long offset, long expected, InputStream in)
      throws IOException {
    long size = memory.sizeBytes();
    long checked = Math.max(expected, 0);
    if (offset < 0 || offset > size || size - offset < checked) {
      throw new OutOfBoundsException(memory.id(), "offset", offset, checked, size);
    }
    StagedWrites write = new StagedWrites(memory, offset);
    try {
      write.readAll(in, expected, size - offset, size);
      return new StreamWrite(write.length, write.commit(MODE_STAGED));
    } finally {
      write.discard();
    }
  }

  static long ofArray(RedisMemory memory, long offset, byte[] source, int from, int length) {
    long size = memory.sizeBytes();
    if (offset < 0 || offset > size || size - offset < length) {
      throw new OutOfBoundsException(memory.id(), "offset", offset, length, size);
    }
    StagedWrites write = new StagedWrites(memory, offset);
    try {
      write.upload = new StagedUpload(memory.context(), memory.id());
      for (int done = 0; done < length; ) {
        int n = chunk(offset + done, length - done);
        write.add(Arrays.copyOfRange(source, from + done, from + done + n));
        done += n;
      }
      return write.commit(MODE_SET);
    } finally {
      write.discard();
    }
  }

  /** The size of the chunk at {@code address}: up to the end of its page, at most {@code left}. */
  private static int chunk(long address, long left) {
    return (int) Math.min(Pages.PAGE_SIZE - (address & Pages.PAGE_MASK), left);
  }

  private void readAll(InputStream in, long expected, long room, long size) throws IOException {
    long limit = expected >= 0 ? expected : room;
    while (length < limit) {
      int n = chunk(offset + length, limit - length);
      byte[] data = new byte[n];
      int got = in.readNBytes(data, 0, n);
      if (got < n && expected >= 0) {
        throw new EOFException(
            "body ended after " + (length + got) + " of " + expected + " announced bytes");
      }
      if (got > 0) {
        add(got == n ? data : Arrays.copyOf(data, got));
      }
      if (got < n) {
        return;
      }
    }
    if (expected < 0 && in.read() >= 0) {
      throw new OutOfBoundsException(memory.id(), "offset", offset, room + 1, size);
    }
  }

  /** Takes the next chunk: kept for one call while the write is small, else staged. */
  private void add(byte[] chunk) {
    if (upload == null && inline.size() + chunk.length <= RedisMemory.INLINE_WRITE) {
      inline.writeBytes(chunk);
    } else {
      if (upload == null) {
        upload = new StagedUpload(memory.context(), memory.id());
        byte[] kept = inline.toByteArray();
        inline.reset();
        length = 0;
        for (int at = 0; at < kept.length; ) {
          int n = chunk(offset + at, kept.length - at);
          stage(Arrays.copyOfRange(kept, at, at + n));
          at += n;
        }
      }
      stage(chunk);
      return;
    }
    length += chunk.length;
  }

  private void stage(byte[] chunk) {
    long at = offset + length;
    boolean zeroPage = chunk.length == Pages.PAGE_SIZE && Arrays.equals(chunk, ZERO_PAGE);
    upload.stage((int) (at >>> Pages.PAGE_SHIFT), zeroPage ? EMPTY : chunk);
    length += chunk.length;
  }

  private long commit(int mode) {
    if (upload == null) {
      return memory.write(offset, inline.toByteArray(), mode, "").version();
    }
    upload.finish();
    Reply reply =
        memory
            .mutator()
            .run(
                "commit",
                "",
                r -> r.failure(memory.id(), memory.mutator().expected(), offset, length),
                offset,
                length,
                upload.token(),
                mode,
                false);
    upload = null;
    return reply.version();
  }

  private void discard() {
    if (upload != null) {
      upload.discard();
      upload = null;
    }
  }
}
