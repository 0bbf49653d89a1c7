package io.osloscope.app.cli;

/** Bad command-line input; the message says what was wrong and the command exits with 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
