package dev.wasmmemory.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The service with {@code memory.security=jwt} and the HMAC secret of {@link Tokens}, on a random
 * port. One shared context: tests make their own owners (random subjects) and memories.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"memory.security=jwt", "memory.security.jwt.secret=" + Tokens.SECRET})
@AutoConfigureMockMvc
public @interface JwtDeployment {}
