package io.osloscope.engine.sniff;

import io.osloscope.engine.wire.MessageProperties;

import java.nio.charset.StandardCharsets;

/** Exactly what would be published to a real broker; {@link #describe()} is what a confirmation shows. */
public record PublishRequest(String exchange, String routingKey, boolean mandatory, MessageProperties properties,
                             byte[] body) {
    public PublishRequest {
        exchange = exchange == null ? "" : exchange;
        routingKey = routingKey == null ? "" : routingKey;
        properties = properties == null ? MessageProperties.EMPTY : properties;
        body = body == null ? new byte[0] : body;
    }

    /** One line: exchange, routing key and size. */
    public String summary() {
        return "exchange '" + exchange + "', routing key '" + routingKey + "', " + body.length + " bytes";
    }

    /** Every field that goes on the wire, the body as text. */
    public String describe() {
        return "exchange:    '" + exchange + "'" + (exchange.isEmpty() ? " (default exchange)" : "") + "\n"
                + "routing key: '" + routingKey + "'\n"
                + "mandatory:   " + mandatory + "\n"
                + "properties:  " + PropertiesJson.toJson(properties) + "\n"
                + "body (" + body.length + " bytes):\n" + new String(body, StandardCharsets.UTF_8);
    }
}
