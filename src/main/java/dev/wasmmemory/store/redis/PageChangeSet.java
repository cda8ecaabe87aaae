package dev.wasmmemory.store.redis;

import dev.wasmmemory.memory.Pages;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes a lease holder made to pages it held locally, committed by one {@code wm4_apply} call:
 * written ranges travel inline up to {@link RedisMemory#INLINE_WRITE} bytes, whole pages beyond
 * that are staged first ({@link StagedUpload}), so the commit stays one call whatever its size.
 */
final class PageChangeSet {
  private final RedisMemory memory;
  private final List<Object> operations = new ArrayList<>();
  private StagedUpload upload;
  private long inlineBytes;

  PageChangeSet(RedisMemory memory) {
    this.memory = memory;
  }

  /** Page {@code index} holds {@code bytes} from {@code offset} (and exists afterwards). */
  void written(int index, int offset, byte[] bytes) {
    if (bytes.length == Pages.PAGE_SIZE && inlineBytes + bytes.length > RedisMemory.INLINE_WRITE) {
      if (upload == null) {
        upload = new StagedUpload(memory.context(), memory.id());
      }
      upload.stage(index, bytes);
      operations.add("s");
      operations.add(index);
      operations.add(upload.token());
      return;
    }
    inlineBytes += bytes.length;
    operations.add("w");
    operations.add(index);
    operations.add(offset);
    operations.add(bytes);
  }

  /** Page {@code index} holds only zeros and no storage. */
  void dropped(int index) {
    operations.add("d");
    operations.add(index);
  }

  /**
   * Applies the changes under {@code lease} (and ends it), with {@code granted} pages acquired
   * since {@code stamp}; the memory has {@code pages} pages afterwards, erased first if {@code
   * erased}.
   */
  Reply commit(MemoryLease lease, long stamp, long granted, int pages, boolean erased) {
    try {
      if (upload != null) {
        upload.finish();
      }
      Object[] args = new Object[operations.size() + 3];
      args[0] = pages;
      args[1] = erased;
      args[2] = true;
      for (int i = 0; i < operations.size(); i++) {
        args[i + 3] = operations.get(i);
      }
      Reply reply = memory.mutator().runGranted("apply", lease.token(), null, stamp, granted, args);
      lease.ended();
      return reply;
    } catch (RuntimeException e) {
      if (upload != null) {
        upload.discard();
      }
      throw e;
    }
  }
}
