package dev.wasmmemory.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The service deployed with tight limits: a budget of 4 pages, at most 2 memories, raw bodies of at
 * most 64 KiB, other bodies of at most 1 KiB, and browsers of one origin only. One shared context;
 * each test class must drop every memory it made (see {@link LimitedMemories}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "memory.budget=256KB",
      "memory.max-memories=2",
      "memory.max-body-size=64KB",
      "memory.max-json-body-size=1KB",
      "memory.cors-allowed-origins=https://playground.example"
    })
@AutoConfigureMockMvc
public @interface LimitedDeployment {}
