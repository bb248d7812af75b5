package org.sparsemixerlab.render;

import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * The figure of a training run: loss and accuracy (training and held-out, see {@link
 * TrainingCharts}) in the first row, routing over training ({@link ExpertUtilizationCharts#overTraining})
 * below; {@link ChartStyle#PAGE_WIDTH} wide.
 *
 * @param run the run drawn
 * @param options smoothing, log scale and runs overlaid
 */
public record TrainingFigure(TrainingCharts.Curves run, TrainingCharts.Options options) implements Figure {

    public TrainingFigure {
        if (run == null || options == null) {
            throw new IllegalArgumentException("a training figure needs a run and options (TrainingCharts.Options.DEFAULT)");
        }
    }

    /** The three charts: loss, accuracy, routing. */
    public List<XYChart> charts() {
        return List.of(TrainingCharts.loss(run, options), TrainingCharts.accuracy(run, options),
                ExpertUtilizationCharts.overTraining(run.steps()));
    }

    /** The charts as a two-column grid. */
    public ChartGrid grid() {
        return new ChartGrid(charts(), 2);
    }

    @Override
    public int width() {
        return grid().width();
    }

    @Override
    public int height() {
        return grid().height();
    }

    @Override
    public byte[] png() {
        return grid().png();
    }

    @Override
    public String svg() {
        return grid().svg();
    }

    @Override
    public String text() {
        return grid().text();
    }

    @Override
    public String toString() {
        return text();
    }
}
