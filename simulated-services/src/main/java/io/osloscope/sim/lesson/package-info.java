/**
 * Guided lessons: a {@link io.osloscope.sim.lesson.Lesson} is a JSON data file per language (the built-in ones beside
 * these classes, a trainer's own anywhere), read by {@link io.osloscope.sim.lesson.LessonLoader} and played on a running
 * {@link io.osloscope.sim.SimulatedCloud} by {@link io.osloscope.sim.lesson.LessonRunner}, which drives it through the
 * existing machinery (nova-api's REST endpoint, rpcapi-like clients, faults, pacing, {@code sim/scenario}) and waits for
 * each step's checkpoint on the event stream. No toolkit: the window and the command line share it.
 */
package io.osloscope.sim.lesson;
