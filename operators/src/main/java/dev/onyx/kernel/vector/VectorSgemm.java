package dev.onyx.kernel.vector;

import dev.onyx.kernel.KernelProvider;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API SGEMM: op(A) and op(B) are packed into cache-sized panels (transposes are handled by the
 * packing, which also applies alpha), C is scaled by beta once, and a 4 x (2 vectors) register-blocked
 * micro-kernel accumulates with fused multiply-add. Edge tiles go through a small buffer, so any m, n, k work. Callers validate arguments first
 * (see {@link dev.onyx.kernel.Sgemm#sgemm}); loaded only through {@link KernelProvider}.
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
    /** Columns of op(B) per packed panel (multiple of NR). */
    static final int NC = Math.max(NR, (2048 / NR) * NR);

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(
            () -> new float[][] {new float[KC * MC], new float[KC * NC], new float[MR * NR]});

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
        float[] ap = bufs[0];
        float[] bp = bufs[1];
        float[] tile = bufs[2];
        // C = beta * C up front unless beta is 0, where the first K panel overwrites C without reading it
        if (beta != 0f) scaleC(m, n, beta, c, cOff, ldc);
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean set = pc == 0 && beta == 0f;
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    packA(transA, alpha, a, aOff, lda, ic, mc, pc, kc, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int bBase = (jr / NR) * kc * NR;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int aBase = (ir / MR) * kc * MR;
                            int cIdx = cOff + (ic + ir) * ldc + jc + jr;
                            if (mr < MR || nr < NR) {
                                kernelSet(kc, ap, aBase, bp, bBase, tile, 0, NR);
                                edge(tile, mr, nr, set, c, cIdx, ldc);
                            } else if (set) {
                                kernelSet(kc, ap, aBase, bp, bBase, c, cIdx, ldc);
                            } else {
                                kernelAdd(kc, ap, aBase, bp, bBase, c, cIdx, ldc);
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

    /** Packs op(B)[pc..pc+kc, jc..jc+nc] into slivers of NR columns, each kc x NR row-major, zero-padded. */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc, float[] bp) {
        int dst = 0;
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
