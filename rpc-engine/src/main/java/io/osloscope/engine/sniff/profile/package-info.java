/**
 * Saved connection profiles for real brokers ({@code ~/.config/osloscope/profiles.json}). Passwords are
 * stored only when the user opted in for that profile. Blocking file I/O; call off the UI thread.
 */
package io.osloscope.engine.sniff.profile;
