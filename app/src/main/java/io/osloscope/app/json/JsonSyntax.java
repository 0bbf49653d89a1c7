package io.osloscope.app.json;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads JSON text as a highlighter does: tokens with their style class (keys, strings, numbers, literals,
 * punctuation) and the blocks that span lines (what can be folded). Tolerant: text being typed, or not JSON at
 * all, still gets the tokens it has; an unterminated string runs to the end of its line.
 */
public final class JsonSyntax {
    /** A token: {@code start} inclusive, {@code end} exclusive, and its style class. */
    public record Token(int start, int end, String style) {
    }

    /** An object or array opened on line {@code firstLine} and closed on {@code lastLine} (0-based). */
    public record Block(int firstLine, int lastLine) {
    }

    public static final String KEY = "json-key";
    public static final String STRING = "json-string";
    public static final String NUMBER = "json-number";
    public static final String LITERAL = "json-literal";
    public static final String PUNCTUATION = "json-punct";

    private JsonSyntax() {
    }

    public static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                int end = stringEnd(text, i);
                out.add(new Token(i, end, isKey(text, end) ? KEY : STRING));
                i = end;
            } else if (c == '-' || Character.isDigit(c)) {
                int end = i + 1;
                while (end < n && "0123456789.eE+-".indexOf(text.charAt(end)) >= 0) {
                    end++;
                }
                out.add(new Token(i, end, NUMBER));
                i = end;
            } else if (Character.isLetter(c)) {
                int end = i + 1;
                while (end < n && Character.isLetter(text.charAt(end))) {
                    end++;
                }
                String word = text.substring(i, end);
                if (word.equals("true") || word.equals("false") || word.equals("null")) {
                    out.add(new Token(i, end, LITERAL));
                }
                i = end;
            } else if ("{}[]:,".indexOf(c) >= 0) {
                out.add(new Token(i, i + 1, PUNCTUATION));
                i++;
            } else {
                i++;
            }
        }
        return out;
    }

    /** Objects and arrays whose brackets are on different lines, outermost first by their opening line. */
    public static List<Block> blocks(String text) {
        List<Block> out = new ArrayList<>();
        Deque<Integer> open = new ArrayDeque<>();
        int line = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = stringEnd(text, i) - 1;
            } else if (c == '\n') {
                line++;
            } else if (c == '{' || c == '[') {
                open.push(line);
            } else if ((c == '}' || c == ']') && !open.isEmpty()) {
                int first = open.pop();
                if (line > first) {
                    out.add(new Block(first, line));
                }
            }
        }
        out.sort((a, b) -> a.firstLine() != b.firstLine() ? Integer.compare(a.firstLine(), b.firstLine())
                : Integer.compare(b.lastLine(), a.lastLine()));
        return out;
    }

    /** The index after the string starting at {@code quote}: after its closing quote, or at the end of its line. */
    private static int stringEnd(String text, int quote) {
        int i = quote + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else if (c == '\n') {
                return i;
            } else {
                i++;
            }
        }
        return Math.min(i, text.length());
    }

    private static boolean isKey(String text, int after) {
        int i = after;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == ':';
    }
}
