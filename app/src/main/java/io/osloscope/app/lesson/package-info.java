/**
 * The lesson panel: a guided lesson ({@code sim/lesson}) played on the window's simulated cloud, step by step with
 * narration, checkpoints, highlighted topology elements and a code lens (our Java beside nova's Python) for the
 * step's message or the one selected in the stream. Plugs into the shell as a {@link
 * io.osloscope.app.shell.WindowFeature}; {@link io.osloscope.app.lesson.LessonScreenshots} renders a lesson's steps
 * as PNGs for {@code --lesson ID --screenshot-dir DIR}.
 */
package io.osloscope.app.lesson;
