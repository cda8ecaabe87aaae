package dev.wasmmemory.api.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * A type named by a discriminator (a batch operation, by its {@code op}) as generated clients read
 * it: the parent is the {@code oneOf} of its subtypes with the discriminator and nothing else, each
 * subtype a plain object with all its properties. swagger-core writes each subtype as an {@code
 * allOf} of the parent and its own properties, which points back at the parent, and which {@code
 * additionalProperties: false} would make refuse every property. And an array item that may be null
 * becomes a {@code oneOf} of its schema and {@code null}, as nullable properties are.
 */
final class PolymorphicSchemas implements OpenApiCustomizer {
  private static final String PREFIX = "#/components/schemas/";

  @Override
  @SuppressWarnings("rawtypes")
  public void customise(OpenAPI openApi) {
    Map<String, Schema> schemas = openApi.getComponents().getSchemas();
    for (Schema<?> parent : schemas.values()) {
      if (parent.getDiscriminator() == null || parent.getOneOf() == null) {
        continue;
      }
      parent.setProperties(null);
      parent.setRequired(null);
      parent.setTypes(null);
      for (Schema<?> branch : parent.getOneOf()) {
        String ref = branch.get$ref();
        Schema<?> subtype = ref == null ? null : schemas.get(ref.substring(PREFIX.length()));
        if (subtype != null && subtype.getAllOf() != null) {
          flatten(subtype);
        }
      }
    }
    for (Schema<?> schema : schemas.values()) {
      if (schema.getProperties() != null) {
        schema.getProperties().values().forEach(property -> nullableItems(schemas, property));
      }
    }
  }

  /** The subtype's own properties, without the allOf of the parent. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void flatten(Schema subtype) {
    List<String> required = new ArrayList<>();
    if (subtype.getRequired() != null) {
      required.addAll(subtype.getRequired());
    }
    for (Object element : subtype.getAllOf()) {
      Schema part = (Schema) element;
      if (part.get$ref() == null) {
        subtype.setProperties(part.getProperties());
        List<?> own = part.getRequired() == null ? List.of() : part.getRequired();
        for (Object name : own) {
          if (!required.contains(name)) {
            required.add((String) name);
          }
        }
      }
    }
    subtype.setAllOf(null);
    subtype.setTypes(Set.of("object"));
    subtype.setRequired(required.isEmpty() ? null : required);
  }

  /**
   * Items that are a $ref or null (springdoc writes both in one schema): null becomes a branch of
   * the referenced oneOf, where the generated Java client reads it as a nullable type, or else the
   * items a oneOf of the $ref and null.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void nullableItems(Map<String, Schema> schemas, Schema property) {
    Schema items = property.getItems();
    if (items == null || items.get$ref() == null || items.getTypes() == null) {
      return;
    }
    if (!items.getTypes().contains("null")) {
      return;
    }
    Schema nullable = new Schema<>().types(Set.of("null"));
    Schema target = schemas.get(items.get$ref().substring(PREFIX.length()));
    if (target != null && target.getOneOf() != null) {
      target.addOneOfItem(nullable);
      property.setItems(new Schema<>().$ref(items.get$ref()));
    } else {
      property.setItems(
          new Schema<>().oneOf(List.of(new Schema<>().$ref(items.get$ref()), nullable)));
    }
  }
}
