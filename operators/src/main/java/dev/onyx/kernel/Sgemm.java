package dev.onyx.kernel;

import java.util.Arrays;

/**
 * Single-precision matrix multiply on row-major arrays:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where op(X) is X or its transpose.
 *
 * <p>op(A) is m x k, op(B) is k x n, C is m x n. {@code lda}, {@code ldb}, {@code ldc} are the row
 * strides of A, B and C as stored (before transposition). When beta is 0, C is not read (NaN in C
 * does not leak into the result). Every product is computed: NaN or infinity in A or B propagates
 * even where the other factor is 0.
 *
 * <p>{@link #sgemm} runs the Vector API kernel when {@link KernelProvider} enabled it, else
 * {@link #scalar}, a cache-blocked scalar twin with the same contract.
 */
public final class Sgemm {
    private Sgemm() {}

    /** Rows of op(B) per block of the scalar kernel. */
    private static final int SCALAR_KB = 256;
    /** Columns of op(B) per block of the scalar kernel. */
    private static final int SCALAR_NB = 512;

    private static final ThreadLocal<float[][]> SCALAR_BUFFERS =
            ThreadLocal.withInitial(() -> new float[][] {new float[SCALAR_KB * SCALAR_NB], new float[SCALAR_NB]});

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0) {
            scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        KernelProvider.gemm().sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** Below this many multiply-adds a product runs on the calling thread only. */
    private static final long PARALLEL_MIN_WORK = 1L << 21;

    /**
     * {@link #sgemm} split into independent bands of rows (or columns, when C is wide) of C, run on
     * {@code executor} with the calling thread taking one band; returns when all are done. Each band
     * computes exactly what the single-threaded call would, so results do not depend on the split.
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc, java.util.concurrent.Executor executor) {
        check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        long work = (long) m * n * k;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean byRows = m >= n;
        int extent = byRows ? m : n;
        int bands = (int) Math.min(Math.min(threads, extent / 16), Math.max(1, work / PARALLEL_MIN_WORK));
        if (executor == null || bands <= 1) {
            sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        // bands aligned to 16 rows/columns so that micro-tiles stay whole
        int step = ((extent + bands - 1) / bands + 15) / 16 * 16;
        java.util.List<java.util.concurrent.CompletableFuture<Void>> futures = new java.util.ArrayList<>();
        Runnable first = null;
        for (int start = 0, next; start < extent; start = next) {
            next = Math.min(extent, start + step);
            // a band of one row would take the one-row kernel, whose arithmetic differs: the band before takes it
            if (byRows && extent - next == 1) next = extent;
            int s0 = start, len = next - start;
            Runnable band = byRows
                    ? () -> sgemm(transA, transB, len, n, k, alpha, a, aOff + (transA ? s0 : s0 * lda), lda,
                            b, bOff, ldb, beta, c, cOff + s0 * ldc, ldc)
                    : () -> sgemm(transA, transB, m, len, k, alpha, a, aOff, lda,
                            b, bOff + (transB ? s0 * ldb : s0), ldb, beta, c, cOff + s0, ldc);
            if (first == null) first = band;
            else futures.add(java.util.concurrent.CompletableFuture.runAsync(band, executor));
        }
        first.run();
        for (var f : futures) {
            try {
                f.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error err) throw err;
                throw e;
            }
        }
    }

    /** Row bands are multiples of this many rows (a multiple of every micro-kernel height). */
    private static final int ROW_UNIT = 48;
    /** Column bands are multiples of this many columns (a multiple of every micro-tile and GEMV group width). */
    private static final int COL_UNIT = 64;

    /**
     * {@link #sgemm} split into bands of rows (or of columns when C has fewer rows than columns) run with
     * the current {@link Parallel}. Band edges fall on whole micro-tiles, so every element of C is computed
     * by the same instructions in the same order as in the single-threaded call: the results are the same
     * bits for any thread count.
     */
    public static void parallel(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float beta, float[] c, int cOff, int ldc) {
        Parallel par = Parallel.current();
        boolean byRows = m >= n;
        int unit = byRows ? ROW_UNIT : COL_UNIT;
        int extent = byRows ? m : n;
        int units = bandUnits(byRows, extent, unit);
        if (par.threads() <= 1 || units <= 1 || work(m, n, k) < PARALLEL_MIN_WORK) {
            sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        // one band per thread: each band packs all of op(B) again
        int perThread = (units + par.threads() - 1) / par.threads();
        par.forRange(units, perThread, (from, to) -> {
            int s0 = from * unit;
            int len = (to == units ? extent : to * unit) - s0;
            if (byRows) {
                sgemm(transA, transB, len, n, k, alpha, a, aOff + (transA ? s0 : s0 * lda), lda,
                        b, bOff, ldb, beta, c, cOff + s0 * ldc, ldc);
            } else {
                sgemm(transA, transB, m, len, k, alpha, a, aOff, lda,
                        b, bOff + (transB ? s0 * ldb : s0), ldb, beta, c, cOff + s0, ldc);
            }
        });
    }

    /**
     * The work of a product, to decide whether threads pay: multiply-adds, counting at least 8 rows, since a
     * product with few rows streams all of B for little arithmetic (a classifier's 1 x 1280 x 1000 reads 5 MB of
     * weights) and splitting B's columns over threads splits that memory traffic too.
     */
    private static long work(int m, int n, int k) {
        return (long) Math.max(m, 8) * n * k;
    }

    /**
     * Bands of whole units for {@link #parallel}; the last band takes the remainder. A last row band of one row is
     * merged into the band before: one-row products take a kernel with a different order of operations.
     */
    private static int bandUnits(boolean byRows, int extent, int unit) {
        int units = (extent + unit - 1) / unit;
        if (byRows && units > 1 && extent % unit == 1) units--;
        return units;
    }

    /**
     * op(B) (k x n) packed once for the GEMM kernel in use, for products with many A (constant weights): see
     * {@link #pack}. Keeps a reference to B as stored, which must not change afterwards.
     */
    public static final class PackedB {
        private final boolean transB;
        private final int k, n;
        private final float[] b;
        private final int bOff, ldb;
        private final KernelProvider.GemmKernel kernel;
        private final Object packed;

        private PackedB(boolean transB, int k, int n, float[] b, int bOff, int ldb,
                        KernelProvider.GemmKernel kernel, Object packed) {
            this.transB = transB;
            this.k = k;
            this.n = n;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.kernel = kernel;
            this.packed = packed;
        }

        /** Rows of op(B) (the inner dimension). */
        public int k() { return k; }

        /** Columns of op(B). */
        public int n() { return n; }

        /** Whether B is stored transposed. */
        public boolean transB() { return transB; }

        /** True when the kernel keeps a packed copy (the vector path), false when it multiplies B as stored. */
        public boolean isPacked() { return packed != null; }
    }

    /** Packs op(B) (k x n; B stored with row stride ldb, transposed when transB) for {@link #sgemm(boolean, int, float, float[], int, int, PackedB, float, float[], int, int)}. */
    public static PackedB pack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        if (k < 0 || n < 0) throw new IllegalArgumentException("sgemm: negative size n=" + n + " k=" + k);
        checkMatrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        return pack(KernelProvider.gemm(), transB, k, n, b, bOff, ldb);
    }

    /** {@link #pack} for a given kernel (tests). */
    static PackedB pack(KernelProvider.GemmKernel kernel, boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        Object p = k == 0 || n == 0 ? null : kernel.pack(transB, k, n, b, bOff, ldb);
        return new PackedB(transB, k, n, b, bOff, ldb, kernel, p);
    }

    /**
     * C = alpha * op(A) * op(B) + beta * C with op(B) pre-packed: the same bits as {@link #sgemm} on B as stored.
     * op(A) is m x b.k(), C is m x b.n().
     */
    public static void sgemm(boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedB b,
                             float beta, float[] c, int cOff, int ldc) {
        packedBand(transA, m, 0, b.n, alpha, a, aOff, lda, b, beta, c, cOff, ldc);
    }

    /** {@link #sgemm(boolean, int, float, float[], int, int, PackedB, float, float[], int, int)} split like {@link #parallel}. */
    public static void parallel(boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedB b,
                                float beta, float[] c, int cOff, int ldc) {
        int n = b.n, k = b.k;
        Parallel par = Parallel.current();
        boolean byRows = m >= n;
        int unit = byRows ? ROW_UNIT : COL_UNIT;
        int extent = byRows ? m : n;
        int units = bandUnits(byRows, extent, unit);
        if (par.threads() <= 1 || units <= 1 || work(m, n, k) < PARALLEL_MIN_WORK) {
            packedBand(transA, m, 0, n, alpha, a, aOff, lda, b, beta, c, cOff, ldc);
            return;
        }
        check(transA, b.transB, m, n, k, a, aOff, lda, b.b, b.bOff, b.ldb, c, cOff, ldc);
        par.forRange(units, 1, (from, to) -> {
            int s0 = from * unit;
            int len = (to == units ? extent : to * unit) - s0;
            if (byRows) {
                packedBand(transA, len, 0, n, alpha, a, aOff + (transA ? s0 : s0 * lda), lda, b, beta,
                        c, cOff + s0 * ldc, ldc);
            } else {
                packedBand(transA, m, s0, len, alpha, a, aOff, lda, b, beta, c, cOff + s0, ldc);
            }
        });
    }

    /** Columns col0..col0+n of the product with a packed B. */
    private static void packedBand(boolean transA, int m, int col0, int n, float alpha, float[] a, int aOff, int lda,
                                   PackedB b, float beta, float[] c, int cOff, int ldc) {
        int k = b.k;
        int bOff = b.bOff + (b.transB ? col0 * b.ldb : col0);
        check(transA, b.transB, m, n, k, a, aOff, lda, b.b, bOff, b.ldb, c, cOff, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0) {
            scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        if (b.packed == null || col0 % b.kernel.packedColumnUnit() != 0) {
            b.kernel.sgemm(transA, b.transB, m, n, k, alpha, a, aOff, lda, b.b, bOff, b.ldb, beta, c, cOff, ldc);
            return;
        }
        b.kernel.sgemmPacked(transA, m, n, k, alpha, a, aOff, lda, b.packed, b.n, col0,
                b.transB, b.b, b.bOff, b.ldb, beta, c, cOff, ldc);
    }

    /** The scalar twin of {@link #sgemm}: same contract, no Vector API. */
    public static void scalar(boolean transA, boolean transB, int m, int n, int k, float alpha,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float beta, float[] c, int cOff, int ldc) {
        check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0) {
            scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        float[][] bufs = SCALAR_BUFFERS.get();
        float[] bp = bufs[0];
        float[] acc = bufs[1];
        for (int j0 = 0; j0 < n; j0 += SCALAR_NB) {
            int nb = Math.min(SCALAR_NB, n - j0);
            for (int p0 = 0; p0 < k; p0 += SCALAR_KB) {
                int kb = Math.min(SCALAR_KB, k - p0);
                // pack op(B)[p0..p0+kb, j0..j0+nb] row-major with row stride nb
                for (int p = 0; p < kb; p++) {
                    int dst = p * nb;
                    if (transB) {
                        for (int j = 0; j < nb; j++) bp[dst + j] = b[bOff + (j0 + j) * ldb + p0 + p];
                    } else {
                        System.arraycopy(b, bOff + (p0 + p) * ldb + j0, bp, dst, nb);
                    }
                }
                boolean first = p0 == 0;
                for (int i = 0; i < m; i++) {
                    Arrays.fill(acc, 0, nb, 0f);
                    for (int p = 0; p < kb; p++) {
                        float av = transA ? a[aOff + (p0 + p) * lda + i] : a[aOff + i * lda + p0 + p];
                        int src = p * nb;
                        for (int j = 0; j < nb; j++) acc[j] += av * bp[src + j];
                    }
                    int cRow = cOff + i * ldc + j0;
                    if (first && beta == 0f) {
                        for (int j = 0; j < nb; j++) c[cRow + j] = alpha * acc[j];
                    } else if (!first || beta == 1f) {
                        for (int j = 0; j < nb; j++) c[cRow + j] += alpha * acc[j];
                    } else {
                        for (int j = 0; j < nb; j++) c[cRow + j] = alpha * acc[j] + beta * c[cRow + j];
                    }
                }
            }
        }
    }

    /** C = beta * C, writing zeros without reading C when beta is 0. */
    static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) return;
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) Arrays.fill(c, row, row + n, 0f);
            else for (int j = 0; j < n; j++) c[row + j] *= beta;
        }
    }

    /** Checks sizes, strides and that every addressed element lies in its array. */
    static void check(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm: negative size m=" + m + " n=" + n + " k=" + k);
        }
        if (m == 0 || n == 0) return;
        checkMatrix("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        checkMatrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        checkMatrix("C", c, cOff, ldc, m, n);
    }

    private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (rows == 0 || cols == 0) return;
        if (ld < cols) {
            throw new IllegalArgumentException("sgemm: leading dimension of " + name + " is " + ld
                    + ", less than its " + cols + " columns");
        }
        long last = (long) off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length) {
            throw new IllegalArgumentException("sgemm: " + name + " (" + rows + " x " + cols + ", offset " + off
                    + ", stride " + ld + ") needs " + last + " elements, array has " + x.length);
        }
    }
}
