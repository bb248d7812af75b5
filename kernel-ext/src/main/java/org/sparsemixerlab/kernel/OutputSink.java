package org.sparsemixerlab.kernel;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Where rich outputs of the running cell go: the Jupyter iopub channel when the kernel serves a
 * frontend, or a recorder for the headless runner and tests.
 */
public interface OutputSink {

    /** Publishes a new output (display_data). */
    void display(DisplayData data);

    /** Replaces the content of the earlier output with this display id (update_display_data). */
    void updateDisplay(String displayId, DisplayData data);
}
