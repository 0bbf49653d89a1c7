package io.osloscope.app.shell;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The window never opens larger than the screen, and a remembered place is moved back onto it. */
class WindowFitTest {
    private static final WindowFit.Box PROJECTOR = new WindowFit.Box(0, 0, 1280, 720);
    private static final WindowFit.Box FIRST_START = new WindowFit.Box(Double.NaN, Double.NaN,
            WindowFit.PREFERRED_WIDTH, WindowFit.PREFERRED_HEIGHT);

    @Test
    void aProjectorGetsTheWholeScreenNotTheDefaultSize() {
        assertEquals(new WindowFit.Box(0, 0, 1280, 720), WindowFit.fit(FIRST_START, PROJECTOR));
    }

    @Test
    void aLargeScreenGetsTheDefaultSizeCentred() {
        assertEquals(new WindowFit.Box(160, 40, 1600, 1000),
                WindowFit.fit(FIRST_START, new WindowFit.Box(0, 0, 1920, 1080)));
    }

    @Test
    void aSizeRememberedOnALargerScreenIsClampedAndMovedOnScreen() {
        WindowFit.Box remembered = new WindowFit.Box(900, 600, 1900, 1150);
        assertEquals(new WindowFit.Box(0, 0, 1280, 720), WindowFit.fit(remembered, PROJECTOR));
    }

    @Test
    void aWindowThatFitsKeepsItsPlaceButNotOffTheEdge() {
        assertEquals(new WindowFit.Box(100, 50, 1000, 600),
                WindowFit.fit(new WindowFit.Box(100, 50, 1000, 600), PROJECTOR));
        assertEquals(new WindowFit.Box(280, 120, 1000, 600),
                WindowFit.fit(new WindowFit.Box(700, 400, 1000, 600), PROJECTOR));
    }

    @Test
    void theVisualBoundsOfASecondScreenAndATaskBarCount() {
        WindowFit.Box second = new WindowFit.Box(1920, 32, 1280, 688);
        WindowFit.Box fitted = WindowFit.fit(new WindowFit.Box(10, 10, 1600, 1000), second);
        assertEquals(new WindowFit.Box(1920, 32, 1280, 688), fitted);
    }

    @Test
    void nonsenseRememberedSizesFallBackToTheDefault() {
        assertEquals(new WindowFit.Box(0, 0, 1280, 720),
                WindowFit.fit(new WindowFit.Box(Double.NaN, Double.NaN, -5, 0), PROJECTOR));
    }
}
