package io.procsweep.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Validates documents against the schema files shipped in reports/schema/. */
public final class Schemas {
  public static final String REPORT = "report-v2.schema.json";
  public static final String SNAPSHOT = "snapshot-v1.schema.json";
  public static final String PLAN = "plan-v1.schema.json";
  public static final String OUTCOME = "outcome-v1.schema.json";
  public static final String STATE = "state-v1.schema.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private Schemas() {}

  /** The file itself, read from the project tree (not a copy on the class path). */
  public static Path file(String name) {
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    return base.resolve("reports").resolve("schema").resolve(name);
  }

  public static Set<ValidationMessage> validate(String schemaName, JsonNode document)
      throws IOException {
    // Format assertions on, so "date-time" is checked and not just an annotation.
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    try (InputStream in = Files.newInputStream(file(schemaName))) {
      JsonSchema schema = FACTORY.getSchema(in, config);
      return schema.validate(document);
    }
  }

  public static Set<ValidationMessage> validate(String schemaName, String json) throws IOException {
    return validate(schemaName, MAPPER.readTree(json));
  }

  /** Checks a schema file against the draft 2020-12 meta-schema (bundled with the validator). */
  public static Set<ValidationMessage> validateSchemaFile(String schemaName) throws IOException {
    JsonSchema meta =
        FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    return meta.validate(MAPPER.readTree(file(schemaName).toFile()));
  }

  public static JsonNode parse(String json) throws IOException {
    return MAPPER.readTree(json);
  }
}
