package io.osloscope.app.fire;

/**
 * One RPC method a simulated service exposes, with a ready-to-edit argument template.
 *
 * @param topic       the topic its servers listen on, e.g. {@code compute}
 * @param argsJson    a JSON object of keyword arguments, e.g. an Instance primitive for {@code instance}
 * @param fanout      sent to the topic's fanout exchange (every server gets it)
 * @param serverHint  a server to target by default (e.g. a compute host), or null for the shared topic
 */
public record MethodTemplate(String service, String topic, String method, String version, String namespace,
                             boolean call, boolean fanout, String argsJson, String serverHint, String description) {
    @Override
    public String toString() {
        return topic + " · " + method + (version == null ? "" : " (" + version + ")");
    }
}
