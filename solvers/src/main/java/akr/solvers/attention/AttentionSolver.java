package akr.solvers.attention;

import akr.kernels.DenseMatrix;
import akr.kernels.KernelProvider;
import akr.kernels.SingularMatrixException;
import akr.kernels.Tier;
import akr.kernels.cholesky.Cholesky;
import akr.kernels.expgram.ExpGram;
import akr.kernels.expgram.ExpGram.Form;
import akr.kernels.expgram.ExpGramOperator;
import akr.kernels.expgram.ExpGramOverflowException;
import akr.kernels.gemm.Gemm;
import akr.kernels.gemv.Gemv;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.triangular.Triangular.Uplo;
import akr.solvers.iterative.IterationResult;
import akr.solvers.iterative.LinearOperator;
import akr.solvers.iterative.LanczosSpectrum;
import akr.solvers.iterative.Pcg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Attention kernel regression (DESIGN §1, P3 and P3λ): (K + λI)·x = b with K = exp(A·Aᵀ)
 * (exp entrywise), A n×d, b ∈ ℝⁿ, λ ≥ 0 — the minimiser of ‖(K + λI)x − b‖, which is 0 when K + λI
 * is non-singular. K is never formed.
 *
 * <p><b>Scaling.</b> With h_i = ‖a_i‖²/2 and D = diag(e^{h_i}), K = D·G·D where G is the Gaussian
 * kernel (entries exp(−‖a_i − a_j‖²/2) ∈ (0, 1], unit diagonal), and
 * D⁻¹(K + λI)D⁻¹ = G + λD⁻². The solver therefore solves
 * <pre>   (G + λD⁻²)·y = D⁻¹b,   x = D⁻¹y</pre>
 * — the same problem, symmetrically Jacobi-scaled, whose matrix entries never overflow — by
 * preconditioned conjugate gradients with the fused exp-Gram operator (one O(n²d) product per
 * iteration, O(nd) memory), and reports ‖(K + λI)x − b‖/‖b‖ recomputed with the exact operator K at
 * the end. Residuals of the two forms differ by the row weights e^{h_i}; when the recomputed residual
 * misses the tolerance although PCG met it, PCG is restarted from the current point with a tolerance
 * tightened by the observed ratio (at most {@value #REFINEMENTS} times, within the iteration limit).
 * The products G·y are evaluated as D⁻¹·K·(D⁻¹y) when all ‖a_i‖² ≤ 600 (faster here, equally
 * accurate), with the Gaussian-form kernel otherwise.
 *
 * <p><b>Preconditioners:</b> see {@link Preconditioner}. The low-rank ones use
 * P = F·Fᵀ + λD⁻² + μI applied through {@link LowRankPreconditioner} (Woodbury, O(n·k) per
 * application, O(n·k) memory); μ defaults to the mean uncaptured diagonal of G (RPCholesky:
 * trace(G − FFᵀ)/n; sketch: mean |1 − ‖f_i‖²|), floored at {@value #MIN_SHIFT}.
 *
 * <p><b>Bad input.</b> Non-finite entries, mismatched shapes and λ &lt; 0 are
 * {@link IllegalArgumentException}s. Rows with ‖a_i‖² ≥ ln(MAX_VALUE) ≈ 709.78 make K_ii = e^{‖a_i‖²}
 * (and so D² and the original problem) overflow: an IllegalArgumentException names them. With λ = 0,
 * duplicate rows make K exactly singular: a {@link SingularKernelException} names a duplicate pair
 * (the direct route also reports a failing Cholesky pivot the same way). Numerically singular K
 * without exact duplicates (e.g. tightly clustered points, λ = 0) makes PCG stagnate: the result then
 * says converged = false with the residual actually achieved — never a silent garbage x.
 *
 * <p><b>Limitation.</b> The original residual is D times the scaled one, so rows with a much larger
 * ‖a_i‖² than the rest weigh e^{h_i − h_j} more in it than in the residual PCG controls; with a
 * spread of a few hundred in ‖a_i‖² the tolerance can be out of reach within the refinement
 * sweeps (reported as converged = false with the achieved residual).
 */
public final class AttentionSolver {

    /** Restarts of PCG when the recomputed residual misses the tolerance. */
    public static final int REFINEMENTS = 3;
    /** Floor of the default μ of the low-rank preconditioners. */
    public static final double MIN_SHIFT = 1e-10;
    private static final double U = 0x1.0p-53;
    /** Largest ‖a_i‖² for which G·x is evaluated as D⁻¹·K·D⁻¹x (see {@code Run.scaledProduct}). */
    static final double EXP_FORM_MAX_NORM = 600;

    private AttentionSolver() {
    }

    /** Solves (K + λI)x = b with λ = {@code options.ridge()}. */
    public static AttentionResult solve(DenseMatrix a, double[] b, AttentionOptions options) {
        long t0 = System.nanoTime();
        validate(a, b, options);
        ParallelExecutor ex = options.threads() == 0 ? ParallelExecutor.shared()
                : ParallelExecutor.create(options.threads());
        try {
            return new Run(a, b, options, ex, t0).run();
        } finally {
            ex.close();
        }
    }

    /**
     * The attention output at new points: exp(B·Aᵀ)·x (length m for B m×d), through the rectangular
     * exp-Gram operator.
     *
     * @throws IllegalArgumentException on null, mismatched or non-finite input
     * @throws ExpGramOverflowException when an entry or a sum overflows (naming the row of B)
     */
    public static double[] predict(DenseMatrix a, double[] x, DenseMatrix queries) {
        if (a == null || x == null || queries == null) {
            throw new IllegalArgumentException("A, x and the queries must not be null");
        }
        if (x.length != a.rows()) {
            throw new IllegalArgumentException("x has length " + x.length + ", A has " + a.rows() + " rows");
        }
        if (queries.cols() != a.cols()) {
            throw new IllegalArgumentException("the queries have " + queries.cols() + " columns, A has " + a.cols());
        }
        requireFinite("A", a);
        requireFinite("the queries", queries);
        requireFinite("x", x);
        return ExpGramOperator.of(a).predict(queries, x);
    }

    // ------------------------------------------------------------------------------------ validation

    static void validate(DenseMatrix a, double[] b, AttentionOptions o) {
        if (a == null) {
            throw new IllegalArgumentException("A: null");
        }
        if (b == null) {
            throw new IllegalArgumentException("b: null");
        }
        if (o == null) {
            throw new IllegalArgumentException("options: null");
        }
        int n = a.rows();
        if (n < 1 || a.cols() < 1) {
            throw new IllegalArgumentException("A is " + n + "x" + a.cols() + ": it needs at least one row and column");
        }
        if (b.length != n) {
            throw new IllegalArgumentException("b has length " + b.length + ", expected " + n + " (the rows of A)");
        }
        requireFinite("A", a);
        requireFinite("b", b);
        List<Integer> bad = new ArrayList<>();
        double[] h = ExpGram.halfSquaredNorms(a);
        for (int i = 0; i < n; i++) {
            if (2 * h[i] >= ExpGram.LOG_MAX) {
                bad.add(i);
            }
        }
        if (!bad.isEmpty()) {
            int first = bad.get(0);
            throw new IllegalArgumentException(bad.size() + " row(s) of A " + listed(bad) + " have ‖a_i‖² >= ln(MAX_VALUE) = "
                    + String.format(java.util.Locale.ROOT, "%.2f", ExpGram.LOG_MAX) + " (‖a_" + first + "‖² = "
                    + 2 * h[first] + "): K_ii = exp(‖a_i‖²) and the scaling D² overflow a double; rescale A");
        }
        if (o.ridge() == 0) {
            int[] dup = duplicateRows(a);
            if (dup != null) {
                throw new SingularKernelException("rows " + dup[0] + " and " + dup[1] + " of A are equal, so K = exp(A·Aᵀ)"
                        + " is singular and (K + λI)x = b with λ = 0 has no unique solution; remove duplicates or"
                        + " use a ridge λ > 0", dup);
            }
        }
    }

    /** A pair of equal rows (i &lt; j), or null. O(n·d) expected time. */
    static int[] duplicateRows(DenseMatrix a) {
        int n = a.rows();
        int d = a.cols();
        Map<Integer, Integer> firstByHash = new HashMap<>();
        Map<Integer, List<Integer>> more = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int hash = 1;
            for (int j = 0; j < d; j++) {
                double v = a.get(i, j);
                hash = 31 * hash + Double.hashCode(v == 0 ? 0.0 : v); // -0.0 equals 0.0
            }
            Integer prev = firstByHash.putIfAbsent(hash, i);
            if (prev != null) {
                List<Integer> candidates = more.computeIfAbsent(hash, k -> new ArrayList<>(List.of(prev)));
                for (int c : candidates) {
                    if (equalRows(a, c, i)) {
                        return new int[] {c, i};
                    }
                }
                candidates.add(i);
            }
        }
        return null;
    }

    private static boolean equalRows(DenseMatrix a, int i, int j) {
        for (int k = 0; k < a.cols(); k++) {
            if (a.get(i, k) != a.get(j, k)) {
                return false;
            }
        }
        return true;
    }

    private static String listed(List<Integer> rows) {
        List<Integer> head = rows.subList(0, Math.min(10, rows.size()));
        String s = head.toString();
        return rows.size() > 10 ? s.substring(0, s.length() - 1) + ", …]" : s;
    }

    private static void requireFinite(String name, DenseMatrix m) {
        int[] at = m.firstNonFinite();
        if (at != null) {
            throw new IllegalArgumentException(name + "(" + at[0] + ", " + at[1] + ") = " + m.get(at[0], at[1])
                    + " is not finite");
        }
    }

    private static void requireFinite(String name, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + v[i] + " is not finite");
            }
        }
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) * 1e-9;
    }

    // ------------------------------------------------------------------------------------ one solve

    /**
     * The pieces of a solve without solving, for tests: the scaled operator y ↦ (G + λD⁻²)y and the
     * preconditioner r ↦ P⁻¹r of the given options (not DIRECT), on the shared executor.
     */
    static BiConsumer<double[], double[]>[] scaledOperatorAndPreconditioner(DenseMatrix a, AttentionOptions o) {
        validate(a, new double[a.rows()], o);
        Run run = new Run(a, new double[a.rows()], o, ParallelExecutor.shared(), System.nanoTime());
        @SuppressWarnings("unchecked")
        BiConsumer<double[], double[]>[] out = new BiConsumer[] {(BiConsumer<double[], double[]>) run::scaledProduct,
            run.buildPreconditioner()};
        return out;
    }

    /** One solve's state. */
    private static final class Run {
        final DenseMatrix a;
        final double[] b;
        final AttentionOptions o;
        final long t0;
        final int n;
        final double lambda;
        /** The preconditioner that runs: AUTO's choice once {@link #buildPreconditioner} has made it. */
        Preconditioner kind;
        final boolean auto;
        final ExpGramOperator op;
        final LowRankPreconditioner.Kernels kernels;
        final Tier tier = KernelProvider.defaultTier();
        final double[] halfNorms;
        final double[] dinv;     // D⁻¹ = e^{−h}
        final double[] ridgeDiag; // λD⁻²
        final boolean expForm;    // G·x as D⁻¹K D⁻¹x (see scaledProduct)
        final double[] scratch;
        int rank;
        double shift = Double.NaN;
        int degree;

        Run(DenseMatrix a, double[] b, AttentionOptions o, ParallelExecutor ex, long t0) {
            this.a = a;
            this.b = b;
            this.o = o;
            this.t0 = t0;
            this.n = a.rows();
            this.lambda = o.ridge();
            this.kind = o.preconditioner().resolve();
            this.auto = o.preconditioner() == Preconditioner.AUTO;
            this.op = ExpGramOperator.of(a, ExpGram.of(tier, ex));
            this.kernels = new LowRankPreconditioner.Kernels(ex, Gemm.of(tier, ex), Gemv.of(tier, ex),
                    Cholesky.of(tier, ex));
            this.halfNorms = op.logScaling();
            this.dinv = new double[n];
            this.ridgeDiag = new double[n];
            double maxNorm = 0;
            for (int i = 0; i < n; i++) {
                dinv[i] = Math.exp(-halfNorms[i]);
                ridgeDiag[i] = lambda * dinv[i] * dinv[i];
                maxNorm = Math.max(maxNorm, 2 * halfNorms[i]);
            }
            this.expForm = maxNorm <= EXP_FORM_MAX_NORM;
            this.scratch = new double[n];
        }

        AttentionResult run() {
            return kind == Preconditioner.DIRECT ? direct() : iterative();
        }

        /**
         * y ← (G + λD⁻²)·x. When every ‖a_i‖² ≤ {@value #EXP_FORM_MAX_NORM} the product G·x is evaluated
         * as D⁻¹·(K·(D⁻¹x)) with the plain exp-Gram form (faster than the Gaussian form's kernel on this
         * machine, 74–80 against 164–340 ms per product at n = 8192, d = 64, in the same runs): K's
         * entries are then at most e^{600}, D⁻¹x cannot overflow, and each entry of G is still the
         * exp of the same d-term dot product, so the accuracy is that of the Gaussian form up to two
         * roundings. Otherwise the Gaussian form is used, whose entries never overflow.
         */
        void scaledProduct(double[] x, double[] y) {
            if (expForm) {
                for (int i = 0; i < n; i++) {
                    scratch[i] = dinv[i] * x[i];
                }
                op.multiply(Form.EXP, 0.0, DenseMatrix.wrap(scratch, n, 1), DenseMatrix.wrap(y, n, 1));
                for (int i = 0; i < n; i++) {
                    y[i] = dinv[i] * y[i] + ridgeDiag[i] * x[i];
                }
                return;
            }
            op.multiply(Form.GAUSSIAN, 0.0, DenseMatrix.wrap(x, n, 1), DenseMatrix.wrap(y, n, 1));
            for (int i = 0; i < n; i++) {
                y[i] += ridgeDiag[i] * x[i];
            }
        }

        /** y ← (K + λI)·x (may throw ExpGramOverflowException). */
        void exactProduct(double[] x, double[] y) {
            op.multiply(Form.EXP, lambda, DenseMatrix.wrap(x, n, 1), DenseMatrix.wrap(y, n, 1));
        }

        BiConsumer<double[], double[]> buildPreconditioner() {
            switch (kind) {
                case NONE:
                    return (r, z) -> System.arraycopy(r, 0, z, 0, n);
                case JACOBI:
                    return jacobi();
                case RPCHOLESKY: {
                    RandomlyPivotedCholesky.Factor f = RandomlyPivotedCholesky.factor(op, o.effectiveRank(n), o.seed(),
                            kernels, auto);
                    if (f.flat()) { // AUTO on a flat spectrum: the low-rank part would not beat the diagonal
                        kind = Preconditioner.JACOBI;
                        return jacobi();
                    }
                    shift = Double.isNaN(o.shift()) ? Math.max(MIN_SHIFT, f.residualTrace() / n) : o.shift();
                    return woodbury(f.f());
                }
                case SKETCH: {
                    int q = o.sketchDegree() == 0 ? ExpTaylorFeatures.defaultDegree(halfNorms) : o.sketchDegree();
                    int budget = Math.max(o.effectiveRank(n), 1 + a.cols());
                    int[] sizes = ExpTaylorFeatures.sketchSizes(budget, a.cols(), q);
                    degree = 1 + sizes.length;
                    DenseMatrix f = ExpTaylorFeatures.scaledFeatures(a, halfNorms, sizes, o.seed(), tier,
                            kernels.executor());
                    shift = Double.isNaN(o.shift()) ? ExpTaylorFeatures.defaultShift(f, a.cols(), sizes) : o.shift();
                    return woodbury(f);
                }
                default:
                    throw new IllegalStateException(kind.toString());
            }
        }

        /** diag(G + λD⁻²)⁻¹: G's diagonal is 1. */
        BiConsumer<double[], double[]> jacobi() {
            double[] inv = new double[n];
            for (int i = 0; i < n; i++) {
                inv[i] = 1 / (1 + ridgeDiag[i]);
            }
            return (r, z) -> {
                for (int i = 0; i < n; i++) {
                    z[i] = inv[i] * r[i];
                }
            };
        }

        BiConsumer<double[], double[]> woodbury(DenseMatrix f) {
            double[] diag = new double[n];
            for (int i = 0; i < n; i++) {
                diag[i] = ridgeDiag[i] + shift;
            }
            LowRankPreconditioner p = new LowRankPreconditioner(f, diag, kernels);
            rank = p.rank();
            return p::apply;
        }

        AttentionResult iterative() {
            long t = System.nanoTime();
            BiConsumer<double[], double[]> precond = buildPreconditioner();
            double precondSeconds = seconds(t);
            t = System.nanoTime();
            boolean scaled = kind != Preconditioner.NONE;
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                c[i] = scaled ? dinv[i] * b[i] : b[i];
            }
            BiConsumer<double[], double[]> h = scaled ? this::scaledProduct : this::exactProduct;
            double[] y = new double[n];
            double[] x = new double[n];
            LanczosSpectrum spectrum = new LanczosSpectrum();
            int used = 0;
            double innerTol = o.tolerance();
            double rel = Double.NaN;
            boolean overflow = false;
            for (int round = 0; round <= REFINEMENTS && used < o.maxIterations(); round++) {
                IterationResult it;
                try {
                    it = Pcg.solve(akr.kernels.Kernels.defaults(), LinearOperator.symmetric(n, h), LinearOperator.symmetric(n, precond),
                            c, y, innerTol, o.maxIterations() - used,
                            round == 0 ? "pcg" : "pcg refinement " + round, o.listener(), round == 0 ? spectrum : null);
                } catch (ExpGramOverflowException e) {
                    overflow = true; // NONE on the unscaled K: a product overflowed; y holds the last iterate
                    break;
                }
                used += it.iterations();
                toOriginal(y, x, scaled);
                rel = residual(x, y, scaled);
                if (rel <= o.tolerance() || !it.converged() || !(rel < Double.POSITIVE_INFINITY)) {
                    break;
                }
                double next = innerTol * 0.5 * o.tolerance() / rel;
                if (next < 4 * U) {
                    break; // cannot ask PCG for more than the rounding of the scaled products allows
                }
                innerTol = next;
            }
            if (overflow) {
                toOriginal(y, x, scaled);
                rel = residual(x, y, scaled);
            }
            double iterSeconds = seconds(t);
            double kappa = spectrum.steps() >= 1 ? spectrum.conditionEstimate() : Double.NaN;
            return new AttentionResult(x, rel, used, rel <= o.tolerance(), kind, rank, shift, degree, kappa,
                    precondSeconds, iterSeconds, seconds(t0));
        }

        void toOriginal(double[] y, double[] x, boolean scaled) {
            for (int i = 0; i < n; i++) {
                x[i] = scaled ? dinv[i] * y[i] : y[i];
            }
        }

        AttentionResult direct() {
            long need = (long) n * n * 8;
            long limit = o.effectiveMemoryLimit();
            if (need > limit) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "the direct route materialises the %dx%d kernel: %.2f GB, more than the memory limit of %.2f GB;"
                                + " use an iterative preconditioner (rpcholesky, sketch, jacobi)", n, n, need / 1e9,
                        limit / 1e9));
            }
            long t = System.nanoTime();
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            DenseMatrix g = op.columns(Form.GAUSSIAN, all);
            for (int i = 0; i < n; i++) {
                g.set(i, i, g.get(i, i) + ridgeDiag[i]);
            }
            try {
                kernels.cholesky().factor(Uplo.LOWER, g);
            } catch (SingularMatrixException e) {
                throw new SingularKernelException("the Cholesky factorisation of the Gaussian-scaled kernel G + λD⁻² fails"
                        + " at pivot " + e.index() + " (row " + e.index() + " of A): K + λI is numerically singular"
                        + " (near-duplicate rows?); use a ridge λ > 0", e.index());
            }
            double factorSeconds = seconds(t);
            t = System.nanoTime();
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = dinv[i] * b[i];
            }
            kernels.cholesky().solve(Uplo.LOWER, g, y, 0);
            g = null;
            double[] x = new double[n];
            toOriginal(y, x, true);
            double solveSeconds = seconds(t);
            double rel = residual(x, y, true);
            return new AttentionResult(x, rel, 0, rel <= o.tolerance(), kind, n, Double.NaN, 0, Double.NaN,
                    factorSeconds, solveSeconds, seconds(t0));
        }

        /**
         * ‖(K + λI)x − b‖/‖b‖ with the exact operator; when a product with K overflows, from the scaled
         * residual: (K + λI)x − b = D·((G + λD⁻²)y − D⁻¹b), summed in logarithms.
         */
        double residual(double[] x, double[] y, boolean scaledSolution) {
            double bnorm = norm(b);
            if (bnorm == 0) {
                return norm(x) == 0 ? 0 : Double.POSITIVE_INFINITY;
            }
            double[] r = new double[n];
            try {
                exactProduct(x, r);
                for (int i = 0; i < n; i++) {
                    r[i] -= b[i];
                }
                return norm(r) / bnorm;
            } catch (ExpGramOverflowException e) {
                double[] ys = y;
                if (!scaledSolution) {
                    ys = new double[n];
                    for (int i = 0; i < n; i++) {
                        ys[i] = x[i] / dinv[i];
                    }
                }
                scaledProduct(ys, r);
                double maxLog = Double.NEGATIVE_INFINITY;
                double[] logs = new double[n];
                for (int i = 0; i < n; i++) {
                    logs[i] = halfNorms[i] + Math.log(Math.abs(r[i] - dinv[i] * b[i]));
                    maxLog = Math.max(maxLog, logs[i]);
                }
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += Math.exp(2 * (logs[i] - maxLog));
                }
                return Math.exp(maxLog + 0.5 * Math.log(s)) / bnorm;
            }
        }

        static double norm(double[] v) {
            double scale = 0;
            for (double e : v) {
                scale = Math.max(scale, Math.abs(e));
            }
            if (scale == 0 || !Double.isFinite(scale)) {
                return scale;
            }
            double s = 0;
            for (double e : v) {
                double q = e / scale;
                s += q * q;
            }
            return scale * Math.sqrt(s);
        }
    }
}
