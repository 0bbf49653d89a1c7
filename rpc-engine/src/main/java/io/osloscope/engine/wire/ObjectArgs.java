package io.osloscope.engine.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * The args of a conductor {@code object_*} call read for {@link ObjectCall#read} at ingest speed: only what it looks
 * at ({@code objmethod}, {@code objname}, the primitive's {@code .name}, {@code .changes} and {@code .data}'s
 * {@code uuid}, the first positional argument, the {@code uuid} and {@code instance_uuid} keyword arguments) becomes
 * a tree; the rest, mostly the primitive's data (an Instance's is kilobytes), is skipped. {@link ObjectCall#read}
 * gives the same answer on this tree as on the whole args.
 */
final class ObjectArgs {
    private ObjectArgs() {
    }

    /** Reads the value at the parser's current token (the args), leaving the parser at its end. */
    static JsonNode read(JsonParser p, ObjectMapper mapper) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return mapper.readTree(p);
        }
        ObjectNode out = mapper.getNodeFactory().objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            switch (key) {
                case "objmethod", "objname" -> out.set(key, mapper.readTree(p));
                case "objinst" -> out.set(key, primitive(p, mapper));
                case "args" -> out.set(key, firstOnly(p, mapper));
                case "kwargs" -> out.set(key, keep(p, mapper, "uuid", "instance_uuid"));
                default -> p.skipChildren();
            }
        }
        return out;
    }

    /** An object primitive: its {@code *.name}, {@code *.changes} and {@code *.data} (only the uuid) keys. */
    private static JsonNode primitive(JsonParser p, ObjectMapper mapper) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return mapper.readTree(p);
        }
        ObjectNode out = mapper.getNodeFactory().objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (key.endsWith(".name") || key.endsWith(".changes")) {
                out.set(key, mapper.readTree(p));
            } else if (key.endsWith(".data")) {
                out.set(key, keep(p, mapper, "uuid", "uuid"));
            } else {
                // NOTE(order): ObjectCall takes the first key ending in .name as the namespace; others don't matter.
                p.skipChildren();
            }
        }
        return out;
    }

    /** An object with only the two keys kept (anything else as it is). */
    private static JsonNode keep(JsonParser p, ObjectMapper mapper, String a, String b) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return mapper.readTree(p);
        }
        ObjectNode out = mapper.getNodeFactory().objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (key.equals(a) || key.equals(b)) {
                out.set(key, mapper.readTree(p));
            } else {
                p.skipChildren();
            }
        }
        return out;
    }

    /** An array with its first element only when that is a scalar (a placeholder null when it is not). */
    private static JsonNode firstOnly(JsonParser p, ObjectMapper mapper) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            return mapper.readTree(p);
        }
        ArrayNode out = mapper.getNodeFactory().arrayNode();
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            return out;
        }
        if (t.isScalarValue()) {
            out.add((JsonNode) mapper.readTree(p));
        } else {
            p.skipChildren();
            out.addNull();
        }
        for (t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
            p.skipChildren();
        }
        return out;
    }
}
