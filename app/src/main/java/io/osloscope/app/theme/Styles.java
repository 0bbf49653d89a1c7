package io.osloscope.app.theme;

import javafx.css.PseudoClass;

/** Style classes and pseudo-classes shared by Java code and {@code base.css}. Never {@code setStyle} from Java. */
public final class Styles {
    public static final PseudoClass CALL = PseudoClass.getPseudoClass("call");
    public static final PseudoClass CAST = PseudoClass.getPseudoClass("cast");
    public static final PseudoClass FANOUT = PseudoClass.getPseudoClass("fanout");
    public static final PseudoClass REPLY = PseudoClass.getPseudoClass("reply");
    public static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    public static final PseudoClass TIMED_OUT = PseudoClass.getPseudoClass("timed-out");
    public static final PseudoClass HIGHLIGHT = PseudoClass.getPseudoClass("highlight");
    public static final PseudoClass MATCHED = PseudoClass.getPseudoClass("matched");
    public static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    public static final PseudoClass DOWN = PseudoClass.getPseudoClass("down");

    public static final String KIND_BADGE = "kind-badge";
    public static final String MUTED = "muted";
    public static final String TITLE = "title";
    public static final String SECTION = "section";
    public static final String CODE = "code";
    public static final String BANNER = "banner";
    public static final String PANEL = "panel";
    public static final String PLACEHOLDER = "placeholder";
    public static final String OK = "ok";
    public static final String ERROR = "error";

    private Styles() {
    }
}
