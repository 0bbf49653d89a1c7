package io.osloscope.engine.broker.memory;

import java.util.List;
import java.util.Map;

/** RabbitMQ's redeclare check of arguments: only the listed keys count, integers of any width are one class. */
final class ArgEquivalence {
    private ArgEquivalence() {
    }

    static void check(Map<String, Object> current, Map<String, Object> received, String resource, List<String> keys) {
        for (String key : keys) {
            boolean hasCur = current.containsKey(key);
            boolean hasNew = received.containsKey(key);
            if (!hasCur && !hasNew) {
                continue;
            }
            Object cur = current.get(key);
            Object rec = received.get(key);
            if (hasCur && hasNew) {
                if (!AmqpValues.typeClass(cur).equals(AmqpValues.typeClass(rec)) || !AmqpValues.sameValue(cur, rec)) {
                    throw AmqpErrors.inequivalent(key, resource, "'" + AmqpValues.format(rec) + "'",
                            "'" + AmqpValues.format(cur) + "'");
                }
                continue;
            }
            throw AmqpErrors.inequivalent(key, resource, hasNew ? tagged(rec) : "none", hasCur ? tagged(cur) : "none");
        }
    }

    private static String tagged(Object v) {
        return "the value '" + AmqpValues.format(v) + "' of type '" + AmqpValues.typeName(v) + "'";
    }
}
