package dev.wasmmemory.api.problem;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems of its own an operation can answer with (out of bounds, a limit …), beyond those its
 * shape implies (a memory id, a body, If-Match); the OpenAPI document lists them all by status with
 * their types, so that a client knows which to expect.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ApiProblems {
  ProblemType[] value();
}
