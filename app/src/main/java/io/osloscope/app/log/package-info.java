/**
 * Logging: SLF4J with logback behind it, configured in code ({@link io.osloscope.app.log.LogSetup}, found by
 * logback through {@code META-INF/services}, so there is no {@code logback.xml} to get wrong).
 *
 * <p>Everything at INFO and above (ours and amqp-client's) goes to a size-capped file in the user's state
 * directory ({@link io.osloscope.app.log.StateDir}); {@code --verbose} adds the console (stderr) and DEBUG.
 * Every line passes {@link io.osloscope.app.log.Redaction} on its way out, so a transport URL's password or
 * an oslo context's {@code _context_auth_token} never reaches the file, whoever logged it.
 */
package io.osloscope.app.log;
