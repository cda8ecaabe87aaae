// Generates src/generated/schema.ts from the service's checked-in OpenAPI document. Binary
// bodies (format: binary) become Blob, so that raw uploads are typed as what fetch sends.
import fs from "node:fs";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));
const spec = new URL("../../../openapi/openapi.yaml", import.meta.url);
const out = new URL("../src/generated/schema.ts", import.meta.url);

const ast = await openapiTS(spec, {
  transform(schema) {
    if (schema.format === "binary") {
      return BLOB;
    }
    return undefined;
  },
});
fs.mkdirSync(new URL(".", out), { recursive: true });
fs.writeFileSync(out, astToString(ast));
