package dev.wasmmemory.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Contract violations found while writing the API suite, one test each, failing until src/main is
 * fixed. Each names the code at fault; once fixed, a test can move to the class of its endpoint.
 */
@ServiceTest
class ContractBugsTest {
  @LocalServerPort int port;
  HttpMemoryApi http;

  @BeforeEach
  void setUp() {
    http = new HttpMemoryApi(port);
  }

  /**
   * The JSON-only endpoints (memory info, list, values) ignore a quality of 0, which RFC 9110
   * §12.4.2 defines as "not acceptable": {@code Accept: application/json;q=0} or {@code *}{@code
   * /*;q=0} is answered 200 application/json instead of 406. (The bytes endpoint's own negotiation
   * in Representation.negotiate gets it right.)
   */
  @ParameterizedTest
  @ValueSource(strings = {"*/*;q=0", "application/json;q=0", "application/json;q=0, text/plain"})
  void anAcceptThatRefusesJsonIsA406(String accept) throws Exception {
    String id = http.create(1);
    for (String path : new String[] {"/memories/" + id, "/memories/" + id + "/values/i32"}) {
      Problems.expect(
          http.sendForText(http.request(path).header("Accept", accept).GET()),
          406,
          "not-acceptable");
    }
  }
}
