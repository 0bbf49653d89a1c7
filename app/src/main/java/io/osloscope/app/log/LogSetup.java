package io.osloscope.app.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Configures logback when SLF4J starts (registered in {@code META-INF/services}): INFO and above to
 * {@code osloscope.log} in {@link StateDir#logDirectory()}, at most 5 MiB, then rolled to {@code osloscope.1.log}
 * .. {@code osloscope.3.log} (20 MiB in all). Nothing goes to the console unless {@link #verbose()} is called
 * ({@code --verbose}): the command line's stdout is its result, and stderr its one-line errors. A log directory
 * that cannot be created leaves the file out rather than failing the program.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String FILE_NAME = "osloscope.log";
    static final long MAX_FILE_BYTES = 5L * 1024 * 1024;
    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n%ex";

    public LogSetup() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        Path dir = StateDir.logDirectory();
        try {
            Files.createDirectories(dir);
            root.addAppender(fileAppender(context, dir.resolve(FILE_NAME)));
        } catch (java.io.IOException | SecurityException e) {
            // NOTE(logging): no file then; --verbose still shows everything on the console
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The log file of this process, or null when there is none (its directory could not be created). */
    public static Path logFile() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            var appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("file");
            if (appender instanceof RollingFileAppender<ILoggingEvent> file) {
                return Path.of(file.getFile());
            }
        }
        return null;
    }

    /** {@code --verbose}: DEBUG for Osloscope's own loggers, and every line also on stderr. Idempotent. */
    public static void verbose() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        context.getLogger("io.osloscope").setLevel(Level.DEBUG);
        if (root.getAppender("console") == null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setContext(context);
            console.setName("console");
            console.setTarget("System.err");
            console.setEncoder(encoder(context));
            console.start();
            root.addAppender(console);
        }
    }

    private static RollingFileAppender<ILoggingEvent> fileAppender(LoggerContext context, Path file) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("file");
        appender.setFile(file.toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file.getParent().resolve("osloscope.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(3);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(new FileSize(MAX_FILE_BYTES));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder(context));
        appender.start();
        return appender;
    }

    private static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context) {
        RedactingLayout layout = new RedactingLayout();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }
}
