package dev.onyx.kernel.vector;

import dev.onyx.kernel.KernelProvider;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API SGEMM. op(B) is packed into slivers of {@link #NR} columns per panel of {@link #KC} rows (once per call, or
 * once per session with {@link #pack}); alpha * op(A) into slivers of {@link #MR} rows per block of {@link #MC} rows and
 * one panel. For each A block, panels of {@link #NC} columns of B (L2-sized) are swept row sliver by row sliver: the A
 * sliver stays in L1, the B panel in L2, and C is walked along its rows, which the hardware prefetcher follows.
 *
 * <p>Every element of C gets the same arithmetic whatever the tiling or the thread split: per K panel, a chain of fused
 * multiply-adds from zero in order of p, then added to C (or stored, for the first panel when beta is 0). Edge tiles run
 * the same kernel into a buffer. Callers validate arguments first (see {@link dev.onyx.kernel.Sgemm#sgemm}); loaded only
 * through {@link KernelProvider}.
 */
public final class VectorSgemm implements KernelProvider.GemmKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows of the micro-tile. */
    static final int MR = 4;
    /** Columns of the micro-tile: two vectors. */
    static final int NR = 2 * L;
    /** Depth of a packed panel. */
    static final int KC = 256;
    /** Rows of op(A) per packed block (multiple of MR). */
    static final int MC = 24 * MR;
    /** Columns of op(B) swept per A block: KC x NC floats stay in L2 (multiple of NR). */
    static final int NC = Math.max(NR, 256 / NR * NR);
    /** At most this many floats of op(B) are packed at once when B is not pre-packed. */
    static final int B_CHUNK = 1 << 20;

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(
            () -> new float[][] {new float[KC * MC], new float[0], new float[MR * NR]});

    public VectorSgemm() {}

    @Override
    public String describe() {
        return "Vector API, " + S.vectorBitSize() + "-bit float, " + MR + "x" + NR + " micro-kernel";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if (m == 1) {
            VectorGemv.rowTimesMatrix(transA ? lda : 1, transB, n, k, alpha, a, aOff, b, bOff, ldb, beta, c, cOff);
            return;
        }
        float[][] bufs = BUFFERS.get();
        // columns of op(B) packed at once: a multiple of NC, at least one NC panel
        int chunk = Math.max(NC, (B_CHUNK / Math.max(k, 1)) / NC * NC);
        int need = Math.min(chunk, (n + NR - 1) / NR * NR) * k;
        if (bufs[1].length < need) bufs[1] = new float[need];
        float[] bp = bufs[1];
        for (int j0 = 0; j0 < n; j0 += chunk) {
            int w = Math.min(chunk, n - j0);
            int wPad = (w + NR - 1) / NR * NR;
            packAll(transB, b, bOff, ldb, k, j0, w, wPad, bp);
            gemm(transA, m, w, k, alpha, a, aOff, lda, bp, wPad, 0, beta, c, cOff + j0, ldc);
        }
    }

    /** Size of the array {@link #pack} returns for op(B) of k x n. */
    static int packedSize(int k, int n) {
        return k * ((n + NR - 1) / NR * NR);
    }

    @Override
    public Object pack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        int nPad = (n + NR - 1) / NR * NR;
        float[] bp = new float[packedSize(k, n)];
        packAll(transB, b, bOff, ldb, k, 0, n, nPad, bp);
        return bp;
    }

    @Override
    public int packedColumnUnit() { return NR; }

    @Override
    public void sgemmPacked(boolean transA, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                            Object packed, int packedColumns, int col0,
                            boolean transB, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if (m == 1) {
            // the unpacked row kernel (same arithmetic as for an unpacked B of one row)
            VectorGemv.rowTimesMatrix(transA ? lda : 1, transB, n, k, alpha, a, aOff,
                    b, bOff + (transB ? col0 * ldb : col0), ldb, beta, c, cOff);
            return;
        }
        if (col0 % NR != 0) throw new IllegalArgumentException("column offset " + col0 + " is not a multiple of " + NR);
        int nPad = (packedColumns + NR - 1) / NR * NR;
        gemm(transA, m, n, k, alpha, a, aOff, lda, (float[]) packed, nPad, col0 / NR, beta, c, cOff, ldc);
    }

    /**
     * C[0..m, 0..n] = alpha * op(A) * op(B) + beta * C, op(B) packed by {@link #packAll} with nPad columns (KC-row panels
     * of slivers), starting at sliver s0.
     */
    private static void gemm(boolean transA, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                             float[] bp, int nPad, int s0, float beta, float[] c, int cOff, int ldc) {
        float[][] bufs = BUFFERS.get();
        float[] ap = bufs[0];
        float[] tile = bufs[2];
        // C = beta * C up front unless beta is 0, where the first K panel overwrites C without reading it
        if (beta != 0f) scaleC(m, n, beta, c, cOff, ldc);
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            boolean set = pc == 0 && beta == 0f;
            int panel = pc * nPad + s0 * kc * NR;
            for (int ic = 0; ic < m; ic += MC) {
                int mc = Math.min(MC, m - ic);
                packA(transA, alpha, a, aOff, lda, ic, mc, pc, kc, ap);
                for (int jc = 0; jc < n; jc += NC) {
                    int nc = Math.min(NC, n - jc);
                    for (int ir = 0; ir < mc; ir += MR) {
                        int mr = Math.min(MR, mc - ir);
                        int aBase = (ir / MR) * kc * MR;
                        int cRow = cOff + (ic + ir) * ldc;
                        for (int jr = jc; jr < jc + nc; jr += NR) {
                            int nr = Math.min(NR, n - jr);
                            int bBase = panel + (jr / NR) * kc * NR;
                            int cIdx = cRow + jr;
                            if (mr < MR || nr < NR) {
                                kernelSet(kc, ap, aBase, bp, bBase, tile, 0, NR);
                                edge(tile, mr, nr, set, c, cIdx, ldc);
                            } else if (set) {
                                kernelSet(kc, ap, aBase, bp, bBase, c, cIdx, ldc);
                            } else {
                                kernelAcc(kc, ap, aBase, bp, bBase, c, cIdx, ldc);
                            }
                        }
                    }
                }
            }
        }
    }

    /** C = beta * C; C is not read when beta is 0. */
    static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) return;
        FloatVector vb = FloatVector.broadcast(S, beta);
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row, row + n, 0f);
                continue;
            }
            int j = 0;
            for (; j + L <= n; j += L) FloatVector.fromArray(S, c, row + j).mul(vb).intoArray(c, row + j);
            for (; j < n; j++) c[row + j] *= beta;
        }
    }

    /**
     * Packs op(B)[0..k, j0..j0+w] as panels of KC rows (panel pc at pc * nPad), each panel slivers of NR columns
     * (kc x NR row-major), the last sliver zero-padded to nPad columns.
     */
    static void packAll(boolean transB, float[] b, int bOff, int ldb, int k, int j0, int w, int nPad, float[] bp) {
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            packB(transB, b, bOff, ldb, pc, kc, j0, w, bp, pc * nPad);
        }
    }

    /** Packs op(B)[pc..pc+kc, jc..jc+nc] at dst into slivers of NR columns, each kc x NR row-major, zero-padded. */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc, float[] bp, int dst) {
        for (int j0 = 0; j0 < nc; j0 += NR) {
            int w = Math.min(NR, nc - j0);
            if (!transB) {
                int src = bOff + pc * ldb + jc + j0;
                if (w == NR) {
                    for (int p = 0; p < kc; p++, src += ldb, dst += NR) {
                        FloatVector.fromArray(S, b, src).intoArray(bp, dst);
                        FloatVector.fromArray(S, b, src + L).intoArray(bp, dst + L);
                    }
                } else {
                    for (int p = 0; p < kc; p++, src += ldb, dst += NR) {
                        int j = 0;
                        for (; j < w; j++) bp[dst + j] = b[src + j];
                        for (; j < NR; j++) bp[dst + j] = 0f;
                    }
                }
            } else {
                for (int j = 0; j < NR; j++) {
                    int d = dst + j;
                    if (j < w) {
                        int src = bOff + (jc + j0 + j) * ldb + pc;
                        for (int p = 0; p < kc; p++, d += NR) bp[d] = b[src + p];
                    } else {
                        for (int p = 0; p < kc; p++, d += NR) bp[d] = 0f;
                    }
                }
                dst += kc * NR;
            }
        }
    }

    /** Packs alpha * op(A)[ic..ic+mc, pc..pc+kc] into slivers of MR rows, each kc x MR (column of MR per p), zero-padded. */
    static void packA(boolean transA, float alpha, float[] a, int aOff, int lda, int ic, int mc, int pc, int kc, float[] ap) {
        int dst = 0;
        for (int i0 = 0; i0 < mc; i0 += MR) {
            int h = Math.min(MR, mc - i0);
            if (transA) {
                int src = aOff + pc * lda + ic + i0;
                for (int p = 0; p < kc; p++, src += lda, dst += MR) {
                    int i = 0;
                    for (; i < h; i++) ap[dst + i] = alpha * a[src + i];
                    for (; i < MR; i++) ap[dst + i] = 0f;
                }
            } else if (h == MR) {
                // four rows read side by side, the sliver written in order
                int r0 = aOff + (ic + i0) * lda + pc, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
                for (int p = 0; p < kc; p++, dst += MR) {
                    ap[dst] = alpha * a[r0 + p];
                    ap[dst + 1] = alpha * a[r1 + p];
                    ap[dst + 2] = alpha * a[r2 + p];
                    ap[dst + 3] = alpha * a[r3 + p];
                }
            } else {
                for (int i = 0; i < MR; i++) {
                    int d = dst + i;
                    if (i < h) {
                        int src = aOff + (ic + i0 + i) * lda + pc;
                        for (int p = 0; p < kc; p++, d += MR) ap[d] = alpha * a[src + p];
                    } else {
                        for (int p = 0; p < kc; p++, d += MR) ap[d] = 0f;
                    }
                }
                dst += kc * MR;
            }
        }
    }

    /*
     * The 4 x 2L micro-kernels. 8 accumulators + 2 B vectors + 1 broadcast fit the 16 registers of AVX2
     * without spilling (6 x 2L spilled and ran at half speed). Each kernel has one straight store path:
     * C2 stops inlining Vector API calls past a node budget (NodeCountInliningCutoff), and a kernel that
     * misses an intrinsic runs several times slower. alpha is folded into the packed A panel.
     */

    /** C[0..4, 0..2L] = Apanel * Bpanel over kc steps; C is not read. */
    static void kernelSet(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            // offsets derived from p (not carried across iterations) let C2 hoist the range checks
            int bo = bi + p * NR, ao = ai + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector av = FloatVector.broadcast(S, ap[ao]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, ci + ldc);
        c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc);
        c21.intoArray(c, ci + 2 * ldc + L);
        c30.intoArray(c, ci + 3 * ldc);
        c31.intoArray(c, ci + 3 * ldc + L);
    }

    /** C[0..4, 0..2L] += (Apanel * Bpanel over kc steps, summed from zero); C is read after the loop. */
    static void kernelAcc(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            // offsets derived from p (not carried across iterations) let C2 hoist the range checks
            int bo = bi + p * NR, ao = ai + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector av = FloatVector.broadcast(S, ap[ao]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
        }
        c00.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
        c01.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
        c10.add(FloatVector.fromArray(S, c, ci + ldc)).intoArray(c, ci + ldc);
        c11.add(FloatVector.fromArray(S, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
        c20.add(FloatVector.fromArray(S, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
        c21.add(FloatVector.fromArray(S, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
        c30.add(FloatVector.fromArray(S, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
        c31.add(FloatVector.fromArray(S, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
    }

    /** C[0..4, 0..2L] += Apanel * Bpanel over kc steps. */
    static void kernelAdd(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.fromArray(S, c, ci), c01 = FloatVector.fromArray(S, c, ci + L);
        FloatVector c10 = FloatVector.fromArray(S, c, ci + ldc), c11 = FloatVector.fromArray(S, c, ci + ldc + L);
        FloatVector c20 = FloatVector.fromArray(S, c, ci + 2 * ldc), c21 = FloatVector.fromArray(S, c, ci + 2 * ldc + L);
        FloatVector c30 = FloatVector.fromArray(S, c, ci + 3 * ldc), c31 = FloatVector.fromArray(S, c, ci + 3 * ldc + L);
        for (int p = 0; p < kc; p++) {
            // offsets derived from p (not carried across iterations) let C2 hoist the range checks
            int bo = bi + p * NR, ao = ai + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector av = FloatVector.broadcast(S, ap[ao]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, ci + ldc);
        c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc);
        c21.intoArray(c, ci + 2 * ldc + L);
        c30.intoArray(c, ci + 3 * ldc);
        c31.intoArray(c, ci + 3 * ldc + L);
    }

    /** Writes (set) or adds the valid mr x nr corner of a tile (row stride NR) to C. */
    private static void edge(float[] tile, int mr, int nr, boolean set, float[] c, int ci, int ldc) {
        for (int i = 0; i < mr; i++) {
            int t = i * NR;
            int row = ci + i * ldc;
            if (set) System.arraycopy(tile, t, c, row, nr);
            else for (int j = 0; j < nr; j++) c[row + j] += tile[t + j];
        }
    }

}
