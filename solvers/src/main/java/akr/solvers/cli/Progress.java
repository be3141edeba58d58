package akr.solvers.cli;

import akr.solvers.iterative.ProgressListener;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Records the residual history and draws a one-line progress display on stderr (phase, iteration,
 * residual, rate) for runs longer than a second, redrawn at most ten times a second, only when
 * stderr is a terminal and the run is not quiet.
 */
final class Progress implements ProgressListener {

    record Row(String phase, int iteration, double residual, double seconds) {
    }

    private final PrintStream err;
    private final boolean draw;
    private final long start = System.nanoTime();
    private final List<Row> rows = new ArrayList<>();
    private long lastDraw;
    private boolean drew;

    Progress(PrintStream err, boolean quiet) {
        this.err = err;
        this.draw = !quiet && System.console() != null;
    }

    @Override
    public synchronized void onIteration(String phase, int iteration, double residual) {
        long now = System.nanoTime();
        double t = (now - start) * 1e-9;
        rows.add(new Row(phase, iteration, residual, t));
        if (draw && t > 1.0 && now - lastDraw > 100_000_000L) {
            lastDraw = now;
            drew = true;
            err.printf(Locale.ROOT, "\r%-22s iter %5d  residual %.3e  %.1f it/s   ", phase, iteration, residual,
                    rows.size() / t);
            err.flush();
        }
    }

    /** Clears the progress line. */
    synchronized void finish() {
        if (drew) {
            err.print("\r" + " ".repeat(70) + "\r");
            err.flush();
        }
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }
}
