/**
 * The engine's exception hierarchy, rooted at the unchecked {@link io.osloscope.engine.error.MessagingException}.
 * Native client exceptions are translated at the transport edge; nothing here depends on a broker library.
 */
package io.osloscope.engine.error;
