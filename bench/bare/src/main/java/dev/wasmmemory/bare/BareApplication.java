package dev.wasmmemory.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cheapest Spring MVC endpoint with the service's shape: what bench/bare-bench.sh compares the
 * service's small operations with. The GET answers the same three-field JSON as {@code GET
 * …/values/i32}; the PUT reads a small JSON body as {@code PUT …/values/i64} does and answers 204.
 */
@SpringBootApplication
@RestController
public class BareApplication {
  /** The body of a typed read. */
  record Value(String type, long offset, Object value) {}

  /** The body of a typed write. */
  record Write(Object value) {}

  public static void main(String[] args) {
    SpringApplication.run(BareApplication.class, args);
  }

  @GetMapping(path = "/memories/{id}/values/{type}", produces = "application/json")
  Value read(
      @PathVariable String id,
      @PathVariable String type,
      @RequestParam(defaultValue = "0") long offset) {
    return new Value(type, offset, -42);
  }

  @PutMapping(path = "/memories/{id}/values/{type}", consumes = "application/json")
  ResponseEntity<Void> write(
      @PathVariable String id,
      @PathVariable String type,
      @RequestParam(defaultValue = "0") long offset,
      @RequestBody Write body) {
    return body.value() == null
        ? ResponseEntity.badRequest().build()
        : ResponseEntity.noContent().build();
  }
}
