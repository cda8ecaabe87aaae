package dev.wasmmemory.api.problem;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems an operation can answer with, each an {@code application/problem+json} body; the
 * OpenAPI document lists them by status with their types, so that a client knows which to expect.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ApiProblems {
  ProblemType[] value();
}
