package dev.wasmmemory.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import dev.wasmmemory.memory.LinearMemory;
import dev.wasmmemory.memory.MemoryInstance;
import dev.wasmmemory.memory.MemoryLimits;
import dev.wasmmemory.memory.PageBudget;
import dev.wasmmemory.memory.ValueType;
import dev.wasmmemory.memory.VersionMismatchException;
import dev.wasmmemory.store.MemoryStore;
import dev.wasmmemory.store.heap.HeapMemoryStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The operations over the registry: a conditional mutation is checked atomically with it (no write
 * can come in between), and a read answers the version its bytes belong to.
 */
class MemoryServiceTest {
  private static final long PAGE = 65536;

  /** Set by a test: a write that lands right after the service has read a memory's version. */
  private final AtomicBoolean writeAfterVersionRead = new AtomicBoolean();

  private final MemoryRegistry registry =
      new MemoryRegistry(new RacingStore(), new MemoryBudget(64 * PAGE), 8, Clock.systemUTC());

  /** The heap store, handing out {@link #racing} memories: one spy per memory. */
  private final class RacingStore implements MemoryStore {
    private final HeapMemoryStore heap =
        new HeapMemoryStore(PageBudget.UNLIMITED, Clock.systemUTC());
    private final Map<String, LinearMemory> spies = new ConcurrentHashMap<>();

    @Override
    public LinearMemory create(MemoryLimits limits, String owner) {
      LinearMemory memory = heap.create(limits, owner);
      LinearMemory spied = racing((MemoryInstance) memory);
      spies.put(memory.id(), spied);
      return spied;
    }

    @Override
    public Optional<LinearMemory> find(String id) {
      return heap.find(id).map(found -> spies.get(id));
    }

    @Override
    public Optional<MemoryRecord> record(String id) {
      return heap.record(id);
    }

    @Override
    public List<MemoryRecord> list() {
      return heap.list();
    }

    @Override
    public int count() {
      return heap.count();
    }

    @Override
    public boolean delete(LinearMemory memory) {
      return heap.delete(memory);
    }

    @Override
    public void touch(String id, Instant now) {
      heap.touch(id, now);
    }

    @Override
    public long storedBytes() {
      return heap.storedBytes();
    }

    @Override
    public void saveShare(dev.wasmmemory.store.ShareRecord share) {
      heap.saveShare(share);
    }

    @Override
    public Optional<dev.wasmmemory.store.ShareRecord> share(String shareId) {
      return heap.share(shareId);
    }

    @Override
    public boolean deleteShare(String shareId) {
      return heap.deleteShare(shareId);
    }

    @Override
    public byte[] signingKey() {
      return heap.signingKey();
    }

    @Override
    public dev.wasmmemory.store.RecordStore records() {
      return heap.records();
    }

    @Override
    public void close() {
      heap.close();
    }
  }

  private final MemoryService service =
      new MemoryService(
          registry,
          new dev.wasmmemory.service.events.MemoryEvents(
              dev.wasmmemory.service.events.EventSettings.defaults(), null));

  /** The memory, whose version() lets another write in once the test asks for it. */
  private LinearMemory racing(MemoryInstance memory) {
    MemoryInstance raced = spy(memory);
    doAnswer(
            call -> {
              Object version = call.callRealMethod();
              if (writeAfterVersionRead.getAndSet(false)) {
                memory.set(0, new byte[] {42});
              }
              return version;
            })
        .when(raced)
        .version();
    return raced;
  }

  @Test
  void aConditionalDeleteKeepsAWriteThatCameInAfterTheCheck() {
    MemoryStatus created = service.create(1, null);
    writeAfterVersionRead.set(true);

    assertThatThrownBy(
            () -> service.delete(created.id(), Precondition.versionIn(Set.of(created.version()))))
        .isInstanceOf(VersionMismatchException.class);

    assertThat(registry.size()).isEqualTo(1);
    try (BytesRegion kept = service.read(created.id(), 0, 1L)) {
      assertThat(kept.bytes()).containsExactly(42);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aConditionalWriteKeepsAWriteThatCameInAfterTheCheck() {
    MemoryStatus created = service.create(1, null);
    writeAfterVersionRead.set(true);

    assertThatThrownBy(
            () ->
                service.writeValue(
                    created.id(),
                    Precondition.versionIn(Set.of(created.version())),
                    ValueType.U8,
                    0,
                    7))
        .isInstanceOf(VersionMismatchException.class);
    assertThat(service.readValue(created.id(), ValueType.U8, 0).bits()).isEqualTo(42);
  }

  @Test
  void aConditionalDeleteAtTheCurrentVersionDrops() {
    MemoryStatus created = service.create(1, null);
    service.delete(created.id(), Precondition.versionIn(Set.of(created.version())));
    assertThat(registry.size()).isZero();
    assertThatThrownBy(() -> service.status(created.id()))
        .isInstanceOf(MemoryNotFoundException.class);
  }

  @Test
  void aStaleConditionIsAPreconditionFailureAndChangesNothing() {
    MemoryStatus created = service.create(1, null);
    service.write(created.id(), Precondition.NONE, 0, new byte[] {1});
    long stale = created.version();
    assertThatThrownBy(() -> service.delete(created.id(), Precondition.versionIn(Set.of(stale))))
        .isInstanceOfSatisfying(
            PreconditionFailedException.class,
            e -> assertThat(e.memoryId()).isEqualTo(created.id()));
    assertThat(service.status(created.id()).version()).isEqualTo(stale + 1);
  }

  /**
   * A writer stores its n-th value in the first 8 bytes, each write moving the version by one:
   * every read must answer bytes and version of one instant, from a copy (short region) or a view
   * (to the end), and typed values too.
   */
  @Test
  void everyReadAnswersTheVersionItsBytesBelongTo() throws Exception {
    String id = service.create(1, null).id();
    long base = service.status(id).version();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    AtomicBoolean stop = new AtomicBoolean();
    try {
      Future<?> writes =
          writer.submit(
              () -> {
                for (long n = 1; !stop.get(); n++) {
                  service.writeValue(id, Precondition.NONE, ValueType.I64, 0, n);
                }
              });
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(700);
      int reads = 0;
      while (System.nanoTime() < deadline && !writes.isDone()) {
        Long length = reads % 2 == 0 ? 8L : null;
        try (BytesRegion region = service.read(id, 0, length)) {
          long written =
              ByteBuffer.wrap(region.bytes(), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
          assertThat(region.version() - base).as("read %d", reads).isEqualTo(written);
        }
        LinearMemory.ValueRead value = service.readValue(id, ValueType.I64, 0);
        assertThat(value.version() - base).as("value %d", reads).isEqualTo(value.bits());
        reads++;
      }
      assertThat(reads).isPositive();
    } finally {
      stop.set(true);
      writer.shutdown();
      assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aCopyFromAnotherMemoryIsATransfer() throws Exception {
    String source = service.create(1, null).id();
    String target = service.create(1, null).id();
    service.write(source, Precondition.NONE, 10, new byte[] {1, 2, 3});
    service.copy(target, Precondition.NONE, new CopyOperation(source, 10, 20, 3, true));
    try (BytesRegion copied = service.read(target, 20, 3L)) {
      assertThat(copied.bytes()).containsExactly(1, 2, 3);
    }
  }

  @Test
  void theListLeavesOutAMemoryDroppedMeanwhile() {
    MemoryStatus kept = service.create(1, null);
    MemoryStatus dropped = service.create(1, null);
    registry.get(dropped.id()).memory().close();
    assertThat(service.list()).extracting(MemoryStatus::id).containsExactly(kept.id());
  }
}
