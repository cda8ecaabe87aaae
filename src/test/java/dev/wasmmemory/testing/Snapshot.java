package dev.wasmmemory.testing;

import static org.assertj.core.api.Assertions.assertThat;

/** Everything a failed request must leave as it was: a memory's bytes, size and entity tag. */
public record Snapshot(byte[] bytes, int pages, String etag) {

  /** Asserts that {@code now} shows the memory as this snapshot does. */
  public void assertSameAs(Snapshot now) {
    assertThat(now.pages()).as("pages").isEqualTo(pages);
    assertThat(now.etag()).as("entity tag").isEqualTo(etag);
    assertThat(now.bytes()).as("bytes").isEqualTo(bytes);
  }
}
