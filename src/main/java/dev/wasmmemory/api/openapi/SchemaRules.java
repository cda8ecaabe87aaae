package dev.wasmmemory.api.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What springdoc writes that generated clients read wrongly, rewritten: a property of several types
 * (OpenAPI 3.1's {@code type: [integer, "null"]}) becomes a {@code oneOf} of one type each, which
 * openapi-generator and openapi-typescript both understand; a schema of several shapes ({@code
 * anyOf}) loses the members springdoc reads from its record; and the body of {@code writeBytes} is
 * optional, since an empty write is a valid one.
 */
final class SchemaRules implements OpenApiCustomizer {

  @Override
  public void customise(OpenAPI openApi) {
    Paths sorted = new Paths();
    new TreeMap<>(openApi.getPaths()).forEach(sorted::addPathItem);
    openApi.setPaths(sorted);
    openApi.getComponents().setSchemas(new TreeMap<>(openApi.getComponents().getSchemas()));
    for (Schema<?> schema : openApi.getComponents().getSchemas().values()) {
      if (schema.getAnyOf() != null) {
        // One of several shapes (a typed argument): springdoc adds the record's own members too.
        schema.setType(null);
        schema.setTypes(null);
        schema.setProperties(null);
      }
      Map<String, Schema> properties = schema.getProperties();
      if (properties != null) {
        properties.replaceAll((name, property) -> withoutTypeUnion(property));
      }
    }
    openApi.getPaths().values().stream()
        .flatMap(path -> path.readOperations().stream())
        .filter(operation -> "writeBytes".equals(operation.getOperationId()))
        .map(Operation::getRequestBody)
        .forEach(body -> body.setRequired(false));
  }

  /**
   * A schema of several types as a {@code oneOf} of one each; what constrains a value (format,
   * bounds, pattern) goes to its type's branch, what describes the property stays outside.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Schema withoutTypeUnion(Schema property) {
    Set<String> types = property.getTypes();
    if (types == null || types.size() < 2) {
      return property;
    }
    List<Schema> branches = new ArrayList<>();
    for (String type : new LinkedHashSet<>(types)) {
      Schema branch = new Schema<>().types(Set.of(type));
      if (!"null".equals(type)) {
        branch.format(property.getFormat());
        branch.setMinimum(property.getMinimum());
        branch.setMaximum(property.getMaximum());
        branch.setPattern(property.getPattern());
      }
      branches.add(branch);
    }
    Schema union = new Schema<>().description(property.getDescription()).oneOf(branches);
    if (property.getExample() != null) {
      union.example(property.getExample());
    }
    return union;
  }
}
