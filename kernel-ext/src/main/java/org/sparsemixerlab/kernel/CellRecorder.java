package org.sparsemixerlab.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** Records one cell's outputs in order: the output sink and stdout/stderr of the headless runner. */
final class CellRecorder implements OutputSink {

    private final List<CellOutput> outputs = new ArrayList<>();

    /** A print stream whose text is recorded as the named stream output. */
    PrintStream stream(String name) {
        OutputStream sinkStream = new OutputStream() {
            private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

            @Override
            public void write(int b) {
                synchronized (CellRecorder.this) {
                    pending.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (CellRecorder.this) {
                    pending.write(b, off, len);
                }
            }

            @Override
            public void flush() {
                synchronized (CellRecorder.this) {
                    if (pending.size() > 0) {
                        appendText(name, pending.toString(StandardCharsets.UTF_8));
                        pending.reset();
                    }
                }
            }
        };
        return new PrintStream(sinkStream, true, StandardCharsets.UTF_8);
    }

    private void appendText(String name, String text) {
        int last = outputs.size() - 1;
        if (last >= 0 && outputs.get(last) instanceof CellOutput.Stream
                && ((CellOutput.Stream) outputs.get(last)).name().equals(name)) {
            CellOutput.Stream s = (CellOutput.Stream) outputs.get(last);
            outputs.set(last, new CellOutput.Stream(name, s.text() + text));
        } else {
            outputs.add(new CellOutput.Stream(name, text));
        }
    }

    @Override
    public synchronized void display(DisplayData data) {
        flushStreams();
        outputs.add(new CellOutput.Display(data.getDisplayId(), CellOutput.dataOf(data), CellOutput.metadataOf(data)));
    }

    @Override
    public synchronized void updateDisplay(String displayId, DisplayData data) {
        flushStreams();
        for (int i = 0; i < outputs.size(); i++) {
            CellOutput o = outputs.get(i);
            if (o instanceof CellOutput.Display && displayId.equals(((CellOutput.Display) o).displayId())) {
                outputs.set(i, new CellOutput.Display(displayId, CellOutput.dataOf(data), CellOutput.metadataOf(data)));
                return;
            }
        }
        outputs.add(new CellOutput.Update(displayId, CellOutput.dataOf(data), CellOutput.metadataOf(data)));
    }

    synchronized void result(DisplayData data) {
        outputs.add(new CellOutput.Result(CellOutput.dataOf(data), CellOutput.metadataOf(data)));
    }

    synchronized void error(String ename, String evalue, List<String> traceback) {
        outputs.add(new CellOutput.Error(ename, evalue == null ? "" : evalue, traceback));
    }

    private void flushStreams() {
        System.out.flush();
        System.err.flush();
    }

    synchronized List<CellOutput> outputs() {
        return List.copyOf(outputs);
    }
}
