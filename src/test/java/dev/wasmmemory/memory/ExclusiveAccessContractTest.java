package dev.wasmmemory.memory;

import static dev.wasmmemory.memory.Pages.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code exclusive}: what a WebAssembly call or a batch runs against. One lock for the whole
 * action, one version step when it wrote, and what it stored before it failed stays stored, as in
 * WebAssembly.
 */
class ExclusiveAccessContractTest {

  @ContractTest
  void loadsAndStoresOfEveryWidthAreLittleEndianAcrossPages(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(2);
    memory.exclusive(
        access -> {
          access.store(PAGE_SIZE - 3, 8, 0x0807060504030201L);
          access.store(10, 2, 0xBEEF);
          access.store(20, 4, 0xFFFF_FFFF_1234_5678L);
          return null;
        });

    assertThat(memory.get(PAGE_SIZE - 3, 8)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(memory.getBits(ValueType.U16, 10)).isEqualTo(0xBEEF);
    assertThat(memory.getBits(ValueType.U32, 20)).isEqualTo(0x1234_5678L);
    long[] loaded =
        memory.exclusive(
            access ->
                new long[] {
                  access.load(PAGE_SIZE - 3, 8), access.load(PAGE_SIZE - 1, 1), access.load(20, 4)
                });
    assertThat(loaded).containsExactly(0x0807060504030201L, 3, 0x1234_5678L);
  }

  @ContractTest
  void severalMemoriesGetTheirAccessesInTheOrderNamedAndEachVersionMovesOnceIfWritten(
      MemoryFactory memories) {
    LinearMemory a = memories.alloc(1);
    LinearMemory b = memories.alloc(1);
    LinearMemory c = memories.alloc(1);
    long[] before = {a.version(), b.version(), c.version()};
    List<String> ids =
        LinearMemory.exclusive(
            List.of(c, a, b),
            accesses -> {
              accesses.get(0).store(0, 1, 3);
              accesses.get(1).store(0, 2, 0x101);
              accesses.get(1).store(8, 1, 1);
              return accesses.stream().map(MemoryAccess::memoryId).toList();
            });
    assertThat(ids).containsExactly(c.id(), a.id(), b.id());
    assertThat(a.version()).isEqualTo(before[0] + 1);
    assertThat(b.version()).isEqualTo(before[1]);
    assertThat(c.version()).isEqualTo(before[2] + 1);
    assertThat(a.getBits(ValueType.U16, 0)).isEqualTo(0x101);
    assertThat(c.getBits(ValueType.U8, 0)).isEqualTo(3);
  }

  /** A module may import one memory twice: one lock (not a wait on itself), one shared access. */
  @ContractTest
  void aMemoryNamedTwiceIsLockedOnceAndBothPlacesShareItsAccess(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);
    long before = memory.version();
    long seen =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () ->
                LinearMemory.exclusive(
                    List.of(memory, memory),
                    accesses -> {
                      assertThat(accesses.get(0)).isSameAs(accesses.get(1));
                      accesses.get(0).store(16, 4, 7);
                      return accesses.get(1).load(16, 4);
                    }));
    assertThat(seen).isEqualTo(7);
    assertThat(memory.version()).isEqualTo(before + 1);
  }

  @ContractTest
  void whatAnActionOnSeveralMemoriesStoredBeforeItFailedStays(MemoryFactory memories) {
    LinearMemory a = memories.alloc(1);
    LinearMemory b = memories.alloc(1);
    assertThatThrownBy(
            () ->
                LinearMemory.exclusive(
                    List.of(a, b),
                    accesses -> {
                      accesses.get(0).store(0, 1, 9);
                      return accesses.get(1).load(PAGE_SIZE, 1);
                    }))
        .isInstanceOf(OutOfBoundsException.class);
    assertThat(a.getBits(ValueType.U8, 0)).isEqualTo(9);
    assertThat(b.get(0, 16)).containsOnly(0);
  }

  @ContractTest
  void intLoadsAndStoresAgreeWithTheGeneralPathOnEveryKindOfPage(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(3);
    memory.set(PAGE_SIZE + 8, new byte[] {9});
    long before = memory.version();
    int[] loaded =
        memory.exclusive(
            access -> {
              access.storeInt(PAGE_SIZE + 16, 0x8765_4321); // a page that holds storage
              access.storeInt(2L * PAGE_SIZE + 4, -2); // an absent page: materialised
              access.storeInt(PAGE_SIZE - 2, 0x0403_0201); // across pages
              access.storeInt(3L * PAGE_SIZE - 4, 7); // the last four bytes
              return new int[] {
                access.loadInt(PAGE_SIZE + 16),
                access.loadInt(2L * PAGE_SIZE + 4),
                access.loadInt(PAGE_SIZE - 2),
                access.loadInt(3L * PAGE_SIZE - 4),
                access.loadInt(100) // never written: zero
              };
            });
    assertThat(loaded).containsExactly(0x8765_4321, -2, 0x0403_0201, 7, 0);
    assertThat(memory.version()).isEqualTo(before + 1);
    assertThat(memory.getBits(ValueType.U32, PAGE_SIZE + 16)).isEqualTo(0x8765_4321L);
    assertThat(memory.get(PAGE_SIZE - 2, 4)).containsExactly(1, 2, 3, 4);
    assertThat(memory.getBits(ValueType.I32, 2L * PAGE_SIZE + 4)).isEqualTo(0xFFFF_FFFEL);
    assertThat(memory.get(PAGE_SIZE + 8, 1)).containsExactly(9);
  }

  @ContractTest
  void intAccessesOutOfBoundsThrowAndChangeNothing(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);
    long before = memory.version();
    for (long address : new long[] {-1, PAGE_SIZE - 3, PAGE_SIZE, 0xFFFF_FFFFL}) {
      assertThatThrownBy(() -> memory.exclusive(access -> access.loadInt(address)))
          .isInstanceOf(OutOfBoundsException.class);
      assertThatThrownBy(
              () ->
                  memory.exclusive(
                      access -> {
                        access.storeInt(address, 1);
                        return null;
                      }))
          .isInstanceOf(OutOfBoundsException.class);
    }
    assertThat(memory.version()).isEqualTo(before);
    assertThat(memory.get(PAGE_SIZE - 8, 8)).containsOnly(0);
  }

  @ContractTest
  void anActionThatWroteMovesTheVersionOnceAndOneThatOnlyReadNotAtAll(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);
    long before = memory.version();

    memory.exclusive(access -> access.load(0, 4));
    assertThat(memory.version()).isEqualTo(before);

    memory.exclusive(
        access -> {
          for (int i = 0; i < 100; i++) {
            access.store(i * 4L, 4, i);
          }
          return null;
        });
    assertThat(memory.version()).isEqualTo(before + 1);
    assertThat(memory.getBits(ValueType.I32, 396)).isEqualTo(99);
  }

  @ContractTest
  void growAnswersThePreviousSizeOrMinusOneAndTheSizeShowsAfterwards(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1, 3L);

    int[] answers =
        memory.exclusive(
            access -> {
              int first = access.grow(2);
              int second = access.grow(1);
              access.store(3L * PAGE_SIZE - 1, 1, 9);
              return new int[] {first, second, access.currentPages()};
            });

    assertThat(answers).containsExactly(1, -1, 3);
    assertThat(memory.currentPages()).isEqualTo(3);
    assertThat(memory.get(3L * PAGE_SIZE - 1, 1)).containsExactly(9);
  }

  @ContractTest
  void storesBeforeAFailureStayAndTheFailingAccessChangesNothing(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);
    long before = memory.version();

    assertThatThrownBy(
            () ->
                memory.exclusive(
                    access -> {
                      access.store(0, 4, 0x01020304);
                      access.store(PAGE_SIZE - 2, 4, -1);
                      return null;
                    }))
        .isInstanceOf(OutOfBoundsException.class)
        .satisfies(e -> assertThat(((OutOfBoundsException) e).memoryId()).isEqualTo(memory.id()));

    assertThat(memory.getBits(ValueType.I32, 0)).isEqualTo(0x01020304);
    assertThat(memory.get(PAGE_SIZE - 2, 2)).containsExactly(0, 0);
    assertThat(memory.version()).isEqualTo(before + 1);
    LinearMemory reopened = memories.reopen(memory);
    if (reopened != null) {
      assertThat(reopened.getBits(ValueType.I32, 0)).isEqualTo(0x01020304);
      assertThat(reopened.version()).isEqualTo(before + 1);
    }
  }

  @ContractTest
  void aRefusedPrepaymentChangesNothingAndAGrantedOneIsNotChargedTwice(MemoryFactory memories) {
    CountingPageBudget budget = new CountingPageBudget(2);
    LinearMemory memory = memories.alloc(4, null, budget);

    assertThatThrownBy(
            () ->
                memory.exclusive(
                    access -> {
                      access.prepay(access.absentPages(0, 3L * PAGE_SIZE));
                      access.store(0, 1, 1);
                      return null;
                    }))
        .isInstanceOf(MemoryBudgetExceededException.class);
    assertThat(budget.held()).isZero();
    assertThat(memory.materializedPages()).isZero();

    memory.exclusive(
        access -> {
          access.prepay(access.absentPages(0, 2L * PAGE_SIZE));
          access.store(0, 1, 1);
          access.store(PAGE_SIZE, 1, 2);
          access.store(PAGE_SIZE + 5, 1, 3);
          return null;
        });
    assertThat(budget.held()).isEqualTo(2);
    assertThat(memory.materializedPages()).isEqualTo(2);
  }

  @ContractTest
  void anUnusedPrepaymentGoesBack(MemoryFactory memories) {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    LinearMemory memory = memories.alloc(4, null, budget);

    memory.exclusive(
        access -> {
          access.prepay(4);
          access.store(0, 1, 1);
          return null;
        });

    assertThat(budget.held()).isEqualTo(1);
  }

  @ContractTest
  void theAccessIsDeadOnceTheActionReturned(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);
    AtomicReference<MemoryAccess> kept = new AtomicReference<>();
    memory.exclusive(
        access -> {
          kept.set(access);
          return null;
        });

    assertThatThrownBy(() -> kept.get().store(0, 1, 1)).isInstanceOf(IllegalStateException.class);
    assertThat(memory.get(0, 1)).containsExactly(0);
  }

  @ContractTest
  void copyAndFillThroughTheAccessAreMemmoveAndMemset(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(2);
    memory.set(PAGE_SIZE - 2, new byte[] {1, 2, 3, 4});

    memory.exclusive(
        access -> {
          access.copy(PAGE_SIZE - 2, PAGE_SIZE - 1, 4);
          access.fill(0, 2, (byte) 0x55);
          byte[] read = new byte[5];
          access.read(PAGE_SIZE - 2, read, 0, 5);
          assertThat(read).containsExactly(1, 1, 2, 3, 4);
          return null;
        });

    assertThat(memory.get(0, 3)).containsExactly(0x55, 0x55, 0);
  }

  @ContractTest
  void typedAccessesAgreeWithTheGeneralOnesOnEveryPageAndEdge(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(3);
    memory.set(PAGE_SIZE, new byte[] {(byte) 0x80, (byte) 0xFF});
    long[] addresses = {0, 5, PAGE_SIZE - 8, PAGE_SIZE - 3, PAGE_SIZE, 2L * PAGE_SIZE + 77};

    memory.exclusive(
        access -> {
          assertThat(access.loadByte(PAGE_SIZE)).isEqualTo((byte) 0x80);
          assertThat(access.loadShort(PAGE_SIZE)).isEqualTo((short) 0xFF80);
          assertThat(access.loadInt(2L * PAGE_SIZE)).isZero();
          for (long address : addresses) {
            access.storeLong(address, 0x0102030405060708L + address);
            assertThat(access.loadLong(address)).isEqualTo(0x0102030405060708L + address);
            assertThat(access.load(address, 8)).isEqualTo(0x0102030405060708L + address);
            access.storeInt(address + 1, (int) address);
            assertThat(access.loadInt(address + 1)).isEqualTo((int) address);
            access.storeShort(address + 2, (short) -2);
            access.storeByte(address + 3, (byte) 9);
            assertThat(access.loadShort(address + 2)).isEqualTo((short) 0x09FE);
            assertThat(access.loadByte(address + 2)).isEqualTo((byte) 0xFE);
          }
          return null;
        });

    java.nio.ByteBuffer model =
        java.nio.ByteBuffer.allocate(3 * PAGE_SIZE).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    model.put(PAGE_SIZE, (byte) 0x80).put(PAGE_SIZE + 1, (byte) 0xFF);
    for (long address : addresses) {
      int at = (int) address;
      model.putLong(at, 0x0102030405060708L + address);
      model.putInt(at + 1, at);
      model.putShort(at + 2, (short) -2);
      model.put(at + 3, (byte) 9);
    }
    assertThat(memory.get(0, 3 * PAGE_SIZE)).isEqualTo(model.array());
    LinearMemory reopened = memories.reopen(memory);
    if (reopened != null) {
      assertThat(reopened.get(0, 3 * PAGE_SIZE)).isEqualTo(memory.get(0, 3 * PAGE_SIZE));
    }
  }

  @ContractTest
  void typedAccessesOutsideTheMemoryTrapAndChangeNothing(MemoryFactory memories) {
    LinearMemory memory = memories.alloc(1);
    memory.exclusive(
        access -> {
          access.storeInt(0, 1);
          assertThatThrownBy(() -> access.storeInt(PAGE_SIZE - 3, 5))
              .isInstanceOf(OutOfBoundsException.class);
          assertThatThrownBy(() -> access.loadLong(PAGE_SIZE - 7))
              .isInstanceOf(OutOfBoundsException.class);
          assertThatThrownBy(() -> access.loadByte(-1)).isInstanceOf(OutOfBoundsException.class);
          assertThatThrownBy(() -> access.storeByte(PAGE_SIZE, (byte) 1))
              .isInstanceOf(OutOfBoundsException.class);
          return null;
        });
    assertThat(memory.get(PAGE_SIZE - 4, 4)).containsOnly(0);
    assertThat(memory.getBits(ValueType.I32, 0)).isEqualTo(1);
  }

  @ContractTest
  void zerosStoredOnAPageOfZerosAllocateNothing(MemoryFactory memories) {
    CountingPageBudget budget = CountingPageBudget.unlimited();
    LinearMemory memory = memories.alloc(2, null, budget);

    memory.exclusive(
        access -> {
          access.storeLong(8, 0);
          access.storeInt(PAGE_SIZE + 4, 0);
          assertThat(access.loadLong(8)).isZero();
          return null;
        });

    assertThat(memory.materializedPages()).isZero();
    assertThat(budget.held()).isZero();
  }

  @ContractTest
  void storesThroughTheCursorDoNotReachAnOpenView(MemoryFactory memories) throws Exception {
    LinearMemory memory = memories.alloc(1);
    memory.set(0, new byte[] {1, 2, 3, 4});
    try (RegionView view = memory.view(0, 4)) {
      memory.exclusive(
          access -> {
            access.storeInt(0, 0x0A0B0C0D);
            return null;
          });
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      view.transferTo(out);
      assertThat(out.toByteArray()).containsExactly(1, 2, 3, 4);
    }
    assertThat(memory.get(0, 4)).containsExactly(0x0D, 0x0C, 0x0B, 0x0A);
  }
}
