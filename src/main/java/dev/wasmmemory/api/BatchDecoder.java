package dev.wasmmemory.api;

import dev.wasmmemory.memory.InvalidValueException;
import dev.wasmmemory.memory.ValueType;
import dev.wasmmemory.service.batch.BatchOperation;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a batch as the client sent it into the service's operations, checking what JSON alone does
 * not: required fields, the ranges of offsets, lengths, pages and values, type names, base64, and
 * the batch's own limits. A refusal is a 400 that names the operation ({@code index}) and its
 * field, before the memory is touched.
 */
final class BatchDecoder {
  private static final long MAX_PAGES = 65536;

  private final ApiSettings settings;

  BatchDecoder(ApiSettings settings) {
    this.settings = settings;
  }

  /** How a field of operation {@code index} is named in a problem: {@code operations[3].offset}. */
  static String operationPath(int index) {
    return "operations[" + index + "]";
  }

  List<BatchOperation> decode(BatchRequest request) {
    List<BatchOperationRequest> operations = request.operations();
    if (operations == null) {
      throw new InvalidRequestException("'operations' is required", "operations");
    }
    int max = settings.maxBatchOperations();
    if (operations.size() > max) {
      throw new InvalidRequestException(
              "a batch holds at most " + max + " operations, not " + operations.size(),
              "operations")
          .and("maxOperations", max);
    }
    List<BatchOperation> decoded = new ArrayList<>(operations.size());
    long read = 0;
    for (int i = 0; i < operations.size(); i++) {
      try {
        BatchOperation operation = decode(operations.get(i));
        if (operation instanceof BatchOperation.Get get) {
          read += get.length();
          checkRead(read);
        }
        decoded.add(operation);
      } catch (InvalidRequestException e) {
        throw e.inOperation(i);
      } catch (InvalidValueException e) {
        // As PUT …/values answers it, but naming the operation.
        throw new InvalidRequestException(e.getMessage(), "value")
            .and("valueType", e.type().wasmName())
            .inOperation(i);
      }
    }
    return decoded;
  }

  /** The gets of one batch answer at most what one JSON read may (memory.max-encoded-region). */
  private void checkRead(long read) {
    if (read > settings.maxEncodedRegion()) {
      throw new InvalidRequestException(
              "the gets of a batch read at most "
                  + settings.maxEncodedRegion()
                  + " bytes in all (memory.max-encoded-region)",
              "length")
          .and("limit", settings.maxEncodedRegion());
    }
  }

  private static BatchOperation decode(BatchOperationRequest request) {
    if (request instanceof BatchOperationRequest.SetValue set) {
      ValueType type = type(set.type());
      long bits = TypedValues.toBits(type, new ValueWriteRequest(set.value(), set.bits()));
      return new BatchOperation.SetValue(type, u32(set.offset(), "offset"), bits);
    } else if (request instanceof BatchOperationRequest.Set set) {
      long offset = u32(set.offset(), "offset");
      return new BatchOperation.Set(offset, Base64Text.decode(required(set.data(), "data")));
    } else if (request instanceof BatchOperationRequest.GetValue get) {
      return new BatchOperation.GetValue(type(get.type()), u32(get.offset(), "offset"));
    } else if (request instanceof BatchOperationRequest.Get get) {
      return new BatchOperation.Get(u32(get.offset(), "offset"), u32(get.length(), "length"));
    } else if (request instanceof BatchOperationRequest.Fill fill) {
      long value = fill.value() == null ? 0 : fill.value();
      return new BatchOperation.Fill(
          u32(fill.offset(), "offset"),
          u32(fill.length(), "length"),
          (byte) range(value, 255, "value"));
    } else if (request instanceof BatchOperationRequest.Copy copy) {
      return new BatchOperation.Copy(
          u32(copy.sourceOffset(), "sourceOffset"),
          u32(copy.destinationOffset(), "destinationOffset"),
          u32(copy.length(), "length"),
          Boolean.TRUE.equals(copy.nonOverlapping()));
    } else if (request instanceof BatchOperationRequest.Grow grow) {
      return new BatchOperation.Grow(range(required(grow.pages(), "pages"), MAX_PAGES, "pages"));
    }
    throw new InvalidRequestException("an operation must be a JSON object with an 'op'", null);
  }

  private static ValueType type(String name) {
    return TypedValues.type(required(name, "type"), "type");
  }

  private static long u32(Long value, String field) {
    return range(required(value, field), Limits.MAX_U32, field);
  }

  private static long range(long value, long max, String field) {
    if (value < 0 || value > max) {
      throw new InvalidRequestException("'" + field + "' must be 0.." + max, field);
    }
    return value;
  }

  private static <T> T required(T value, String field) {
    if (value == null) {
      throw new InvalidRequestException("'" + field + "' is required", field);
    }
    return value;
  }
}
