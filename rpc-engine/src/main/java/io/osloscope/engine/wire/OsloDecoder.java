package io.osloscope.engine.wire;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Classifies and decodes any (properties, body) pair as oslo.messaging would see it, and never throws:
 * every failure becomes a {@link DecodedMessage} of kind {@link MessageKind#OTHER} (or a partially
 * decoded one) with a one-line {@link DecodedMessage#problem()}.
 *
 * <p>Tolerant on purpose: unlike a peer it accepts a wrong content type, an unsupported envelope
 * version or an embedded {@code oslo.message} object, decodes what it can and says what a real peer
 * would have done. Bodies above {@code maxDecodeBytes} are not parsed but shown truncated with their
 * size. Context secrets (see {@link Secrets}) are masked unless {@code revealSecrets}.
 *
 * <p>Immutable and thread-safe.
 */
public final class OsloDecoder {
    /** Bodies larger than this are not parsed by default (4 MiB). */
    public static final int DEFAULT_MAX_DECODE_BYTES = 4 << 20;
    /** Raw text shown for undecodable bodies is cut here by default. */
    public static final int DEFAULT_PREVIEW_CHARS = 16 << 10;

        private final ObjectMapper mapper;
    private final int maxDecodeBytes;
    private final int previewChars;
    private final boolean revealSecrets;
    private final FastSummary fast;
    /** The same decoder without display previews: what {@link #summarize} falls back to (a summary has no raw text). */
    private final OsloDecoder lean;

    public OsloDecoder() {
        this(DEFAULT_MAX_DECODE_BYTES, DEFAULT_PREVIEW_CHARS, false);
    }

    public OsloDecoder(int maxDecodeBytes, int previewChars, boolean revealSecrets) {
        if (maxDecodeBytes <= 0 || previewChars <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxDecodeBytes = maxDecodeBytes;
        this.previewChars = previewChars;
        this.revealSecrets = revealSecrets;
        // NOTE(tolerance): Python's json emits NaN/Infinity; nesting is capped so hostile input cannot blow the stack.
        this.mapper = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
        this.fast = new FastSummary(mapper);
        this.lean = new OsloDecoder(this);
    }

    private OsloDecoder(OsloDecoder full) {
        this.maxDecodeBytes = full.maxDecodeBytes;
        this.previewChars = 1;
        this.revealSecrets = full.revealSecrets;
        this.mapper = full.mapper;
        this.fast = full.fast;
        this.lean = this;
    }

    /** A decoder with the same limits that shows secrets in clear (the user asked). */
    public OsloDecoder revealingSecrets() {
        return new OsloDecoder(maxDecodeBytes, previewChars, true);
    }

    public boolean revealsSecrets() {
        return revealSecrets;
    }

    /** The shared mapper (tolerant reading); callers must not reconfigure it. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Decodes one message. {@code exchange} tells fanout casts apart ({@code <topic>_fanout}); any argument
     * may be null.
     */
    public DecodedMessage decode(MessageProperties properties, byte[] body, String exchange, String routingKey) {
        int size = body == null ? 0 : body.length;
        try {
            return decodeUnsafe(properties, body == null ? new byte[0] : body, exchange, size);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // NOTE(totality): the decoder is the sniffer's front door; whatever slipped past the checks
            // above still becomes a message the user can look at.
            return other("decoder error: " + oneLine(e), size, false, preview(body));
        }
    }

    /**
     * The listing fields only, at ingest speed: clean oslo messages are scanned without building JSON
     * trees; everything else goes through {@link #decode}. Never throws; always equal to
     * {@code decode(...).summary()}.
     */
    public MessageSummary summarize(MessageProperties properties, byte[] body, String exchange, String routingKey) {
        try {
            MessageSummary s = body != null && opensObjectOrArray(body)
                    ? fast.summarize(properties, body, exchange, maxDecodeBytes) : null;
            if (s != null) {
                return s;
            }
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // fall through to the full, total decoder
        }
        return lean.decode(properties, body, exchange, routingKey).summary();
    }

    /**
     * The oslo message of a body as one tree, for showing it whole: a 2.0 envelope's {@code oslo.message}
     * parsed (a bare 1.0 dict as it is), a gzip body inflated, secrets masked anywhere in it unless this
     * decoder reveals them. Null when the body holds no JSON object, is compressed some other way, or is
     * larger than the decode limit ({@link #decode} says why). Never throws; the tree is the caller's.
     */
    public ObjectNode unwrap(MessageProperties properties, byte[] body) {
        if (body == null || body.length == 0 || body.length > maxDecodeBytes) {
            return null;
        }
        try {
            byte[] data = body;
            Object compression = properties == null || properties.headers() == null ? null
                    : properties.headers().get(OsloKeys.COMPRESSION_HEADER);
            if (compression != null) {
                data = String.valueOf(compression).contains("gzip") ? gunzip(body) : null;
                if (data == null) {
                    return null;
                }
            }
            JsonNode root = mapper.readTree(data);
            JsonNode message = root;
            if (root != null && root.has(OsloKeys.ENVELOPE_VERSION_KEY) && root.has(OsloKeys.ENVELOPE_MESSAGE_KEY)) {
                JsonNode om = root.get(OsloKeys.ENVELOPE_MESSAGE_KEY);
                message = om.isTextual() ? mapper.readTree(om.textValue()) : om;
            }
            if (!(message instanceof ObjectNode msg)) {
                return null;
            }
            if (!revealSecrets) {
                Secrets.maskInPlace(msg);
            }
            return msg;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    private DecodedMessage decodeUnsafe(MessageProperties props, byte[] body, String exchange, int size) {
        if (size > maxDecodeBytes) {
            return other("body of " + size + " bytes exceeds the decode limit of " + maxDecodeBytes
                    + " bytes; shown truncated", size, true, preview(body));
        }
        List<String> notes = new ArrayList<>(2);
        byte[] data = body;
        Object compression = props == null || props.headers() == null ? null : props.headers().get(OsloKeys.COMPRESSION_HEADER);
        if (compression != null) {
            String c = String.valueOf(compression);
            if (c.contains("gzip")) {
                data = gunzip(body);
                if (data == null) {
                    return other("compressed body (" + c + ") could not be inflated within "
                            + maxDecodeBytes + " bytes", size, false, preview(body));
                }
            } else {
                return other("compressed body (" + c + ") is not decoded", size, false, preview(body));
            }
        }
        if (size == 0) {
            return other("empty body", 0, false, "");
        }
        String contentType = props == null ? null : props.contentType();
        if (contentType != null && !contentType.toLowerCase().contains("json")) {
            notes.add("content_type " + contentType + ": oslo peers reject it");
        } else if (contentType == null) {
            notes.add("no content_type: oslo peers reject it");
        }
        if (!opensObjectOrArray(data) && isBinary(data)) {
            // what the parser's failure below would say, without paying for its exception (a simulated broker's
            // benchmark publishes such bodies by the million)
            return other("binary body (" + size + " bytes)", size, false, preview(data));
        }
        JsonNode root;
        try {
            root = mapper.readTree(data);
        } catch (IOException | RuntimeException e) {
            String why = isBinary(data) ? "binary body (" + size + " bytes)" : "not JSON: " + jsonError(e);
            return other(why, size, false, preview(data));
        }
        if (root == null || root.isMissingNode()) {
            return other("empty body", size, false, preview(data));
        }
        if (!root.isObject()) {
            return other("JSON " + root.getNodeType().name().toLowerCase() + ", not an object", size, false,
                    preview(data));
        }
        String envelopeVersion;
        JsonNode inner;
        JsonNode ov = root.get(OsloKeys.ENVELOPE_VERSION_KEY);
        JsonNode om = root.get(OsloKeys.ENVELOPE_MESSAGE_KEY);
        if (ov != null && om != null) {
            envelopeVersion = ov.isValueNode() ? ov.asText() : ov.toString();
            if (!envelopeCompatible(envelopeVersion)) {
                notes.add("envelope version " + envelopeVersion + ": oslo peers drop it");
            }
            if (om.isTextual()) {
                try {
                    inner = mapper.readTree(om.textValue());
                } catch (IOException | RuntimeException e) {
                    return other(join(notes, "oslo.message is not JSON: " + jsonError(e)), size, false,
                            preview(data));
                }
            } else {
                notes.add("oslo.message is not a string: oslo peers drop it");
                inner = om;
            }
            if (inner == null || !inner.isObject()) {
                return other(join(notes, "oslo.message is not a JSON object"), size, false, preview(data));
            }
        } else {
            envelopeVersion = "1.0";
            inner = root;
        }
        return classify((ObjectNode) inner, props, exchange, envelopeVersion, notes, size, data);
    }

    private DecodedMessage classify(ObjectNode msg, MessageProperties props, String exchange, String envelopeVersion,
                                    List<String> notes, int size, byte[] data) {
        ObjectNode context = extractContext(msg);
        String msgId = text(msg.get(OsloKeys.MSG_ID));
        String uniqueId = text(msg.get(OsloKeys.UNIQUE_ID));
        JsonNode method = msg.get(OsloKeys.METHOD);
        if (method != null && !method.isNull()) {
            if (!method.isTextual()) {
                notes.add("method is not a string");
            }
            MessageKind kind = exchange != null && exchange.endsWith(OsloKeys.FANOUT_SUFFIX) ? MessageKind.FANOUT
                    : msgId != null ? MessageKind.CALL : MessageKind.CAST;
            JsonNode args = msg.get(OsloKeys.ARGS);
            if (args != null && !revealSecrets && args.isContainerNode()) {
                args = args.deepCopy();
                Secrets.maskInPlace(args);
            }
            return new DecodedMessage(kind, problem(notes), envelopeVersion, method.asText(), msgId,
                    text(msg.get(OsloKeys.REPLY_Q)), text(msg.get(OsloKeys.VERSION)), text(msg.get(OsloKeys.NAMESPACE)), uniqueId,
                    text(msg.get(OsloKeys.TIMEOUT)), expiration(props), context, args, null, null, null,
                    null, null, null, null, size, false, null, ObjectCall.read(method.asText(), args));
        }
        boolean hasReplyKeys = msg.has(OsloKeys.RESULT) || msg.has(OsloKeys.FAILURE) || msg.has(OsloKeys.ENDING);
        if (hasReplyKeys || (msgId != null && !msg.has(OsloKeys.EVENT_TYPE))) {
            JsonNode failureNode = msg.get(OsloKeys.FAILURE);
            RemoteFailure failure = parseFailure(failureNode);
            JsonNode endingNode = msg.get(OsloKeys.ENDING);
            Boolean ending = endingNode == null || endingNode.isNull() ? null : endingNode.asBoolean();
            JsonNode result = msg.get(OsloKeys.RESULT);
            MessageKind kind;
            if (failure != null) {
                kind = MessageKind.FAILURE_REPLY;
            } else if (Boolean.FALSE.equals(ending) && (result == null || result.isNull())) {
                kind = MessageKind.HEARTBEAT;
            } else {
                kind = MessageKind.REPLY;
            }
            if (hasReplyKeys && !msg.has(OsloKeys.FAILURE)) {
                notes.add("reply without 'failure' key: oslo callers fail with KeyError");
            }
            return new DecodedMessage(kind, problem(notes), envelopeVersion, null, msgId, null, null, null, uniqueId,
                    null, null, context, null, result, ending, failure, null, null, null, null, size, false, null, null);
        }
        if (msg.has(OsloKeys.EVENT_TYPE) && (msg.has(OsloKeys.PUBLISHER_ID) || msg.has(OsloKeys.PRIORITY) || msg.has(OsloKeys.PAYLOAD))) {
            JsonNode payload = msg.get(OsloKeys.PAYLOAD);
            if (payload != null && !revealSecrets && payload.isContainerNode()) {
                payload = payload.deepCopy();
                Secrets.maskInPlace(payload);
            }
            return new DecodedMessage(MessageKind.NOTIFICATION, problem(notes), envelopeVersion, null, null, null,
                    null, null, uniqueId != null ? uniqueId : text(msg.get(OsloKeys.MESSAGE_ID)), null, null, context,
                    null, null, null, null, text(msg.get(OsloKeys.EVENT_TYPE)), text(msg.get(OsloKeys.PUBLISHER_ID)),
                    text(msg.get(OsloKeys.PRIORITY)), payload, size, false, null, null);
        }
        notes.add("JSON object without oslo keys");
        return new DecodedMessage(MessageKind.OTHER, problem(notes), envelopeVersion, null, msgId, null, null, null,
                uniqueId, null, null, context, null, null, null, null, null, null, null, null, size, false,
                preview(data), null);
    }

    private ObjectNode extractContext(ObjectNode msg) {
        ObjectNode context = null;
        Iterator<Map.Entry<String, JsonNode>> it = msg.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith(OsloKeys.CONTEXT_PREFIX)) {
                if (context == null) {
                    context = mapper.createObjectNode();
                }
                context.set(e.getKey().substring(OsloKeys.CONTEXT_PREFIX.length()), e.getValue());
            }
        }
        if (context != null && !revealSecrets) {
            context = context.deepCopy();
            Secrets.maskInPlace(context);
        }
        return context;
    }

    private RemoteFailure parseFailure(JsonNode node) {
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isEmpty())) {
            return null;
        }
        JsonNode f = node;
        if (node.isTextual()) {
            try {
                f = mapper.readTree(node.textValue());
            } catch (IOException | RuntimeException e) {
                return new RemoteFailure(null, null, node.textValue(), List.of(), null, null);
            }
        }
        if (f == null || !f.isObject()) {
            return new RemoteFailure(null, null, node.isTextual() ? node.textValue() : node.toString(), List.of(), null,
                    null);
        }
        List<String> tb = new ArrayList<>();
        JsonNode tbNode = f.get(OsloKeys.FAILURE_TB);
        if (tbNode != null && tbNode.isArray()) {
            for (JsonNode line : tbNode) {
                tb.add(line.asText());
            }
        } else if (tbNode != null && tbNode.isTextual()) {
            tb.add(tbNode.textValue());
        }
        return new RemoteFailure(text(f.get(OsloKeys.FAILURE_CLASS)), text(f.get(OsloKeys.FAILURE_MODULE)),
                text(f.get(OsloKeys.FAILURE_MESSAGE)), tb, null, null);
    }

    private static Long expiration(MessageProperties props) {
        if (props == null || props.expiration() == null) {
            return null;
        }
        try {
            return Long.parseLong(props.expiration().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** oslo's version_is_compatible("2.0", v): same major, minor 0, no third part above 0. */
    static boolean envelopeCompatible(String v) {
        if ("2.0".equals(v)) {
            return true;
        }
        String[] parts = v.split("\\.");
        try {
            if (parts.length < 2 || Integer.parseInt(parts[0]) != 2 || Integer.parseInt(parts[1]) > 0) {
                return false;
            }
            return parts.length < 3 || Integer.parseInt(parts[2]) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }

    private DecodedMessage other(String problem, int size, boolean truncated, String raw) {
        return new DecodedMessage(MessageKind.OTHER, problem, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, size, truncated, raw, null);
    }

    private byte[] gunzip(byte[] body) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > maxDecodeBytes) {
                    return null;
                }
            }
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The body as display text: strict UTF-8 when it is text, otherwise a hex dump; cut at the preview limit. */
    String preview(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        if (!isBinary(body)) {
            String s = new String(body, 0, Math.min(body.length, previewChars * 4), StandardCharsets.UTF_8);
            return s.length() > previewChars ? s.substring(0, previewChars) + "…" : s;
        }
        int n = Math.min(body.length, previewChars / 3);
        StringBuilder sb = new StringBuilder(n * 3 + 1);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(i % 16 == 0 ? '\n' : ' ');
            }
            sb.append(Character.forDigit((body[i] >> 4) & 0xF, 16)).append(Character.forDigit(body[i] & 0xF, 16));
        }
        if (n < body.length) {
            sb.append(" …");
        }
        return sb.toString();
    }

    /** Not valid UTF-8, or control characters other than whitespace. */
    /** The first byte after white space is '{' or '[': worth handing to the JSON parser without other checks. */
    private static boolean opensObjectOrArray(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{' || b == '[';
            }
        }
        return false;
    }

    static boolean isBinary(byte[] body) {
        for (byte b : body) {
            if (b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t') {
                return true;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            return true;
        }
        return false;
    }

    private static String jsonError(Throwable e) {
        String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                ? jpe.getOriginalMessage() : e.getMessage();
        return oneLine(m == null ? e.getClass().getSimpleName() : m);
    }

    private static String oneLine(Object o) {
        String s = o instanceof Throwable t ? t.getClass().getSimpleName() + ": " + t.getMessage() : String.valueOf(o);
        s = s.replaceAll("\\s+", " ").trim();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static String problem(List<String> notes) {
        return notes.isEmpty() ? null : String.join("; ", notes);
    }

    private static String join(List<String> notes, String last) {
        List<String> all = new ArrayList<>(notes);
        all.add(last);
        return String.join("; ", all);
    }
}
