package dev.onyx.kernel.vector;

import dev.onyx.kernel.KernelProvider;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API SGEMM: op(A) and op(B) are packed into cache-sized panels (transposes are handled by the
 * packing), and a 6 x (2 vectors) register-blocked micro-kernel accumulates with fused multiply-add.
 * Edge tiles go through a small buffer, so any m, n, k work. Callers validate arguments first
 * (see {@link dev.onyx.kernel.Sgemm#sgemm}); loaded only through {@link KernelProvider}.
 */
public final class VectorSgemm implements KernelProvider.GemmKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows of the micro-tile. */
    static final int MR = 6;
    /** Columns of the micro-tile: two vectors. */
    static final int NR = 2 * L;
    /** Depth of a packed panel. */
    static final int KC = 256;
    /** Rows of op(A) per packed block (multiple of MR). */
    static final int MC = 20 * MR;
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
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float betaBlock = pc == 0 ? beta : 1f;
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    packA(transA, a, aOff, lda, ic, mc, pc, kc, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int bBase = (jr / NR) * kc * NR;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int aBase = (ir / MR) * kc * MR;
                            int cIdx = cOff + (ic + ir) * ldc + jc + jr;
                            if (mr == MR && nr == NR) {
                                kernel(kc, ap, aBase, bp, bBase, alpha, betaBlock, c, cIdx, ldc);
                            } else {
                                kernel(kc, ap, aBase, bp, bBase, 1f, 0f, tile, 0, NR);
                                storeEdge(tile, mr, nr, alpha, betaBlock, c, cIdx, ldc);
                            }
                        }
                    }
                }
            }
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

    /** Packs op(A)[ic..ic+mc, pc..pc+kc] into slivers of MR rows, each kc x MR (column of MR per p), zero-padded. */
    static void packA(boolean transA, float[] a, int aOff, int lda, int ic, int mc, int pc, int kc, float[] ap) {
        int dst = 0;
        for (int i0 = 0; i0 < mc; i0 += MR) {
            int h = Math.min(MR, mc - i0);
            if (transA) {
                int src = aOff + pc * lda + ic + i0;
                for (int p = 0; p < kc; p++, src += lda, dst += MR) {
                    int i = 0;
                    for (; i < h; i++) ap[dst + i] = a[src + i];
                    for (; i < MR; i++) ap[dst + i] = 0f;
                }
            } else {
                for (int i = 0; i < MR; i++) {
                    int d = dst + i;
                    if (i < h) {
                        int src = aOff + (ic + i0 + i) * lda + pc;
                        for (int p = 0; p < kc; p++, d += MR) ap[d] = a[src + p];
                    } else {
                        for (int p = 0; p < kc; p++, d += MR) ap[d] = 0f;
                    }
                }
                dst += kc * MR;
            }
        }
    }

    /**
     * The 6 x 2L micro-kernel: C[0..6, 0..2L] = alpha * (Apanel * Bpanel) + beta * C, C not read when beta is 0.
     */
    static void kernel(int kc, float[] ap, int ai, float[] bp, int bi, float alpha, float beta,
                       float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector av = FloatVector.broadcast(S, ap[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }
        store(c00, c01, alpha, beta, c, ci, ldc);
        store(c10, c11, alpha, beta, c, ci + ldc, ldc);
        store(c20, c21, alpha, beta, c, ci + 2 * ldc, ldc);
        store(c30, c31, alpha, beta, c, ci + 3 * ldc, ldc);
        store(c40, c41, alpha, beta, c, ci + 4 * ldc, ldc);
        store(c50, c51, alpha, beta, c, ci + 5 * ldc, ldc);
    }

    private static void store(FloatVector v0, FloatVector v1, float alpha, float beta, float[] c, int ci, int ldc) {
        if (alpha != 1f) {
            v0 = v0.mul(alpha);
            v1 = v1.mul(alpha);
        }
        if (beta == 0f) {
            v0.intoArray(c, ci);
            v1.intoArray(c, ci + L);
        } else if (beta == 1f) {
            v0.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
            v1.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
        } else {
            FloatVector.fromArray(S, c, ci).fma(FloatVector.broadcast(S, beta), v0).intoArray(c, ci);
            FloatVector.fromArray(S, c, ci + L).fma(FloatVector.broadcast(S, beta), v1).intoArray(c, ci + L);
        }
    }

    /** Writes the valid mr x nr corner of a computed tile (row stride NR) into C. */
    private static void storeEdge(float[] tile, int mr, int nr, float alpha, float beta, float[] c, int ci, int ldc) {
        for (int i = 0; i < mr; i++) {
            int t = i * NR;
            int row = ci + i * ldc;
            if (beta == 0f) {
                for (int j = 0; j < nr; j++) c[row + j] = alpha * tile[t + j];
            } else if (beta == 1f) {
                for (int j = 0; j < nr; j++) c[row + j] += alpha * tile[t + j];
            } else {
                for (int j = 0; j < nr; j++) c[row + j] = alpha * tile[t + j] + beta * c[row + j];
            }
        }
    }

}
