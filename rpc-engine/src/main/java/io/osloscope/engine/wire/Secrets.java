package io.osloscope.engine.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which JSON keys hold secrets, and masking them. A key is secret when its lower-cased name contains
 * {@code token}, {@code password}, {@code passwd}, {@code secret} or {@code credential}, or equals
 * {@code new_pass} / {@code admin_pass} (nova's rebuild and spawn arguments). Values that are JSON null
 * stay null, so "no token" remains visible.
 */
public final class Secrets {
    /** What a masked value reads as. */
    public static final String MASK = "***";

    private static final String[] FRAGMENTS = {"token", "password", "passwd", "secret", "credential"};

    private Secrets() {
    }

    public static boolean isSecretKey(String key) {
        if (key == null) {
            return false;
        }
        String k = key.toLowerCase(Locale.ROOT);
        for (String f : FRAGMENTS) {
            if (k.contains(f)) {
                return true;
            }
        }
        return k.endsWith("new_pass") || k.endsWith("admin_pass");
    }

    /**
     * Masks secret keys anywhere in the tree, in place; returns how many values were masked.
     * Depth is bounded by what the parser accepted, and the walk uses an explicit stack.
     */
    public static int maskInPlace(JsonNode root) {
        int masked = 0;
        List<JsonNode> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            JsonNode node = stack.remove(stack.size() - 1);
            if (node instanceof ObjectNode obj) {
                Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
                List<String> toMask = new ArrayList<>();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (isSecretKey(e.getKey()) && !e.getValue().isNull()) {
                        toMask.add(e.getKey());
                    } else if (e.getValue().isContainerNode()) {
                        stack.add(e.getValue());
                    }
                }
                for (String k : toMask) {
                    obj.set(k, TextNode.valueOf(MASK));
                    masked++;
                }
            } else if (node instanceof ArrayNode arr) {
                for (JsonNode child : arr) {
                    if (child.isContainerNode()) {
                        stack.add(child);
                    }
                }
            }
        }
        return masked;
    }
}
