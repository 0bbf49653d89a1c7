package io.osloscope.sim.lesson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads lessons: the built-in ones from the class path ({@code io/osloscope/sim/lesson/<id>.<language>.json}, one
 * file per language, English always there) and a trainer's own from a file. A file that cannot be used is one
 * {@link LessonException} naming the file, where and what is wrong; nothing is half loaded.
 *
 * <p>The format, by example:
 * <pre>
 * {"id": "story", "title": "...", "summary": "...",
 *  "steps": [{"title": "...", "narration": "...", "highlight": ["node:nova-api", "edge:rest"],
 *             "try": "...", "do": "boot", "with": {"name": "vm1"},
 *             "checkpoint": {"event": "published", "method": "schedule_and_build_instances", "kind": "cast",
 *                            "within": 15, "expect": "..."},
 *             "code": "conductor.schedule_and_build_instances"}]}
 * </pre>
 */
public final class LessonLoader {
    /** The built-in lessons, in teaching order. */
    public static final List<String> BUILT_IN = List.of("story", "cast-call", "fanout", "versions", "dead-compute",
            "dialects");
    private static final String RESOURCES = "/io/osloscope/sim/lesson/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STEP_KEYS = Set.of("title", "narration", "highlight", "try", "do", "with",
            "checkpoint", "code");
    private static final Set<String> HIGHLIGHT_KINDS = Set.of("node", "exchange", "queue", "edge");

    private LessonLoader() {
    }

    /** Every built-in lesson in {@code locale}'s language where there is one, English otherwise. */
    public static List<Lesson> builtIn(Locale locale) {
        List<Lesson> out = new ArrayList<>();
        for (String id : BUILT_IN) {
            out.add(builtIn(id, locale));
        }
        return out;
    }

    /** One built-in lesson: {@code id.zh_CN.json} for zh_CN, then {@code id.zh.json}, then {@code id.en.json}. */
    public static Lesson builtIn(String id, Locale locale) {
        if (!BUILT_IN.contains(id)) {
            throw new LessonException("no built-in lesson '" + id + "'; the lessons are " + String.join(", ", BUILT_IN)
                    + " (or give a lesson file, e.g. --lesson my-lesson.json)");
        }
        Locale l = locale == null ? Locale.ENGLISH : locale;
        List<String> tags = new ArrayList<>();
        if (!l.getCountry().isEmpty()) {
            tags.add(l.getLanguage() + "_" + l.getCountry());
        }
        tags.add(l.getLanguage());
        tags.add("en");
        for (String tag : tags) {
            String name = RESOURCES + id + "." + tag + ".json";
            try (InputStream in = LessonLoader.class.getResourceAsStream(name)) {
                if (in != null) {
                    return parse(in.readAllBytes(), id + "." + tag + ".json", tag);
                }
            } catch (IOException e) {
                throw new LessonException(name + ": " + e.getMessage(), e);
            }
        }
        throw new LessonException("built-in lesson '" + id + "' has no English file");
    }

    /**
     * A built-in lesson's id or a lesson file's path: the id wins when both could be meant. The file's language is
     * taken from its name ({@code x.zh_CN.json}), English without one.
     */
    public static Lesson resolve(String idOrFile, Locale locale) {
        if (BUILT_IN.contains(idOrFile)) {
            return builtIn(idOrFile, locale);
        }
        Path file = Path.of(idOrFile);
        if (!Files.isRegularFile(file)) {
            throw new LessonException("no lesson '" + idOrFile + "': not a built-in lesson (" + String.join(", ",
                    BUILT_IN) + ") and no such file");
        }
        return load(file);
    }

    /** A trainer's lesson file. */
    public static Lesson load(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LessonException(file + ": cannot read it (" + e.getMessage() + ")", e);
        }
        String name = file.getFileName().toString();
        String[] parts = name.split("\\.");
        String tag = parts.length >= 3 ? parts[parts.length - 2] : "en";
        return parse(raw, file.toString(), tag);
    }

    /** Parses one lesson; {@code source} names it in errors. */
    public static Lesson parse(byte[] raw, String source, String language) {
        JsonNode root;
        try {
            root = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new LessonException(source + ": not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage().lines().findFirst().orElse(""),
                    e);
        } catch (IOException e) {
            throw new LessonException(source + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new LessonException(source + ": a lesson is a JSON object with id, title and steps");
        }
        String id = text(root, "id", source, "the lesson");
        String title = text(root, "title", source, "the lesson");
        String summary = root.path("summary").asText("");
        JsonNode steps = root.get("steps");
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            throw new LessonException(source + ": the lesson needs \"steps\", a non-empty list");
        }
        List<Lesson.Step> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            out.add(step(steps.get(i), source, "step " + (i + 1)));
        }
        return new Lesson(id, language, title, summary, out);
    }

    private static Lesson.Step step(JsonNode s, String source, String where) {
        if (!s.isObject()) {
            throw new LessonException(source + ": " + where + " is not an object");
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!STEP_KEYS.contains(key)) {
                throw new LessonException(source + ": " + where + " has an unknown key \"" + key + "\"; a step has "
                        + String.join(", ", new java.util.TreeSet<>(STEP_KEYS)));
            }
        }
        String title = text(s, "title", source, where);
        String narration = text(s, "narration", source, where);
        List<String> highlight = new ArrayList<>();
        for (JsonNode h : s.path("highlight")) {
            String v = h.asText();
            int colon = v.indexOf(':');
            if (colon < 1 || !HIGHLIGHT_KINDS.contains(v.substring(0, colon))) {
                throw new LessonException(source + ": " + where + " highlights \"" + v + "\"; write node:NAME, "
                        + "exchange:NAME, queue:NAME or edge:rest");
            }
            highlight.add(v);
        }
        Lesson.Action action = null;
        if (s.hasNonNull("do")) {
            String does = s.get("do").asText();
            if (!LessonRunner.ACTIONS.contains(does)) {
                throw new LessonException(source + ": " + where + " does \"" + does + "\"; a step can do "
                        + String.join(", ", LessonRunner.ACTIONS));
            }
            Map<String, String> with = new LinkedHashMap<>();
            s.path("with").fields().forEachRemaining(f -> with.put(f.getKey(), f.getValue().asText()));
            action = new Lesson.Action(does, with);
        }
        Lesson.Checkpoint checkpoint = null;
        JsonNode c = s.get("checkpoint");
        if (c != null && !c.isNull()) {
            String event = text(c, "event", source, where + "'s checkpoint");
            if (!LessonRunner.CHECKPOINTS.contains(event)) {
                throw new LessonException(source + ": " + where + " waits for \"" + event + "\"; a checkpoint waits for "
                        + String.join(", ", LessonRunner.CHECKPOINTS));
            }
            checkpoint = new Lesson.Checkpoint(event, opt(c, "method"), opt(c, "kind"), opt(c, "queue"),
                    opt(c, "error"), c.hasNonNull("depth") ? c.get("depth").asInt() : null, c.path("within").asInt(15),
                    opt(c, "expect"));
        }
        return new Lesson.Step(title, narration, highlight, opt(s, "try"), action, checkpoint, opt(s, "code"));
    }

    private static String text(JsonNode n, String key, String source, String where) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new LessonException(source + ": " + where + " needs \"" + key + "\" (text)");
        }
        return v.asText();
    }

    private static String opt(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
