package dev.wasmmemory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the service. */
@SpringBootApplication
public class WasmMemoryApplication {

  public static void main(String[] args) {
    SpringApplication.run(WasmMemoryApplication.class, args);
  }
}
