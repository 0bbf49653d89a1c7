package io.osloscope.app.log;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** A pattern layout whose every line, stack traces included, goes through {@link Redaction}. */
final class RedactingLayout extends PatternLayout {
    @Override
    public String doLayout(ILoggingEvent event) {
        return Redaction.mask(super.doLayout(event));
    }
}
