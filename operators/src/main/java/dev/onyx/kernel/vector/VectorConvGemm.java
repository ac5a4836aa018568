package dev.onyx.kernel.vector;

import dev.onyx.kernel.ConvPanels;
import dev.onyx.kernel.ConvWeights;
import dev.onyx.kernel.KernelProvider;
import jdk.incubator.vector.FloatVector;

import static dev.onyx.kernel.vector.VectorSgemm.L;
import static dev.onyx.kernel.vector.VectorSgemm.MR;
import static dev.onyx.kernel.vector.VectorSgemm.NR;
import static dev.onyx.kernel.vector.VectorSgemm.S;

/**
 * Vector API convolution tile: pre-packed weights times image panels packed straight from the input,
 * one block of whole input channels ({@link ConvPanels#blockRows}) at a time. The first block starts each accumulator at the bias;
 * later blocks add to the output. Every output is the same chain of fused multiply-adds whatever the
 * tiling: edge tiles run the same kernel on a copy, so results do not depend on tile sizes or threads.
 */
public final class VectorConvGemm implements KernelProvider.ConvGemmKernel {
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(
            () -> new float[][] {new float[0], new float[MR * NR], new float[0]});

    public VectorConvGemm() {}

    @Override
    public int mr() { return MR; }

    @Override
    public int bandUnit() { return NR; }

    @Override
    public void tile(ConvWeights w, int gi, int m0, int rows, float[] bias, int biasOff,
                     ConvPanels panels, int first, int count, float[] y, int yOff, int ldy) {
        if (m0 % NR != 0) throw new IllegalArgumentException("row offset " + m0 + " is not a multiple of " + NR);
        int depth = w.depth();
        int slivers = (count + NR - 1) / NR;
        int kcMax = panels.blockRows();
        float[][] bufs = BUFFERS.get();
        int need = Math.min(kcMax, depth) * slivers * NR;
        if (bufs[0].length < need) bufs[0] = new float[need];
        float[] bp = bufs[0];
        for (int pc = 0; pc < depth; pc += kcMax) {
            int kc = Math.min(kcMax, depth - pc);
            packBlock(panels, pc, kc, first, count, bp, 0, bufs);
            block(w, gi, m0, rows, bias, biasOff, pc, kc, bp, 0, count, y, yOff, ldy, bufs[1]);
        }
    }

    @Override
    public int panelSize(int depth, int count) {
        return Math.multiplyExact(depth, (count + NR - 1) / NR * NR);
    }

    @Override
    public void packPanel(ConvPanels panels, int pc, int kc, int first, int count, float[] dst, int dstOff) {
        packBlock(panels, pc, kc, first, count, dst, dstOff + pc * ((count + NR - 1) / NR * NR), BUFFERS.get());
    }

    /** Rows [pc, pc + kc) of the panels, columns [first, first + count), packed into slivers at bp[bpOff]. */
    private static void packBlock(ConvPanels panels, int pc, int kc, int first, int count, float[] bp, int bpOff, float[][] bufs) {
        // stride 2 unfolds straight into slivers (one copy, vector deinterleaving); stride 1 copies rows with
        // System.arraycopy then packs, which measured faster than any vector loop over short rows
        if (panels.pointwise() || panels.geometry().strides()[panels.geometry().rank() - 1] != 2) {
            int scratch = panels.scratchSize(count);
            if (bufs[2].length < scratch) bufs[2] = new float[scratch];
            ConvPanels.Block block = panels.block(pc, kc, first, count, bufs[2]);
            pack(block.array(), block.offset(), block.stride(), kc, count, bp, bpOff);
        } else {
            VectorIm2colPack.pack(panels.image(), panels.offset(), panels.geometry().as3d(), pc, kc, first, count, bp, bpOff);
        }
    }

    @Override
    public void tilePacked(ConvWeights w, int gi, int m0, int rows, float[] bias, int biasOff,
                           float[] panel, int panelOff, int blockRows, int count, float[] y, int yOff, int ldy) {
        if (m0 % NR != 0) throw new IllegalArgumentException("row offset " + m0 + " is not a multiple of " + NR);
        int depth = w.depth();
        int width = (count + NR - 1) / NR * NR;
        float[] tile = BUFFERS.get()[1];
        for (int pc = 0; pc < depth; pc += blockRows) {
            int kc = Math.min(blockRows, depth - pc);
            block(w, gi, m0, rows, bias, biasOff, pc, kc, panel, panelOff + pc * width, count, y, yOff, ldy, tile);
        }
    }

    /**
     * Output rows per row block of {@link #block}. Every output row of a convolution lies in its own memory page
     * (rows are whole planes apart), so sweeping all rows per column sliver writes to as many pages as there are
     * output channels and overflows the L1 TLB from 64 channels on; 16 rows at a time keep the written pages few
     * while the packed block is re-read from L1/L2 (measured 5-25% faster on 64-1000 output channels, most on
     * the small-reduction first convolutions).
     */
    private static final int ROW_BLOCK = 16;

    /** Reduction rows [pc, pc + kc) of the tile, from the packed block at bp[bpOff]; the first block starts at the bias. */
    private static void block(ConvWeights w, int gi, int m0, int rows, float[] bias, int biasOff, int pc, int kc,
                              float[] bp, int bpOff, int count, float[] y, int yOff, int ldy, float[] tile) {
        for (int i0 = 0; i0 < rows; i0 += ROW_BLOCK) {
            rowBlock(w, gi, m0, i0, Math.min(rows, i0 + ROW_BLOCK), bias, biasOff, pc, kc, bp, bpOff, count, y, yOff, ldy, tile);
        }
    }

    /** Rows [i0, i1) of {@link #block}; i0 a multiple of 2 MR. */
    private static void rowBlock(ConvWeights w, int gi, int m0, int i0, int rows, float[] bias, int biasOff, int pc, int kc,
                                 float[] bp, int bpOff, int count, float[] y, int yOff, int ldy, float[] tile) {
        float[] a = w.data();
        boolean firstBlock = pc == 0;
        for (int jr = 0; jr < count; jr += NR) {
            int nr = Math.min(NR, count - jr);
            int bBase = bpOff + (jr / NR) * kc * NR;
            int ir = i0;
            if (nr <= L && 2 * MR * L <= tile.length) {
                // a last sliver of at most L columns: eight rows by one vector through the tile buffer
                for (; ir + 2 * MR <= rows; ir += 2 * MR) {
                    int a0 = w.offset(gi, m0 + ir, pc), a1 = w.offset(gi, m0 + ir + MR, pc);
                    int cIdx = yOff + ir * ldy + jr;
                    for (int i = 0; i < 2 * MR; i++) {
                        float start = firstBlock && bias != null ? bias[biasOff + m0 + ir + i] : 0f;
                        for (int j = 0; j < L; j++) tile[i * L + j] = j >= nr ? 0f : firstBlock ? start : y[cIdx + i * ldy + j];
                    }
                    edge8(kc, a, a0, a1, bp, bBase, tile);
                    for (int i = 0; i < 2 * MR; i++) System.arraycopy(tile, i * L, y, cIdx + i * ldy, nr);
                }
            }
            for (; ir < rows; ir += MR) {
                int mr = Math.min(MR, rows - ir);
                int aBase = w.offset(gi, m0 + ir, pc);
                int cIdx = yOff + ir * ldy + jr;
                if (mr == MR && nr == NR) {
                    if (firstBlock) {
                        int bo = biasOff + m0 + ir;
                        kernelBias(kc, a, aBase, bp, bBase, y, cIdx, ldy,
                                bias == null ? 0f : bias[bo], bias == null ? 0f : bias[bo + 1],
                                bias == null ? 0f : bias[bo + 2], bias == null ? 0f : bias[bo + 3]);
                    } else {
                        VectorSgemm.kernelAdd(kc, a, aBase, bp, bBase, y, cIdx, ldy);
                    }
                } else {
                    // the valid corner goes through the tile buffer: same arithmetic as a full tile
                    for (int i = 0; i < MR; i++) {
                        for (int j = 0; j < NR; j++) {
                            float v;
                            if (i >= mr || j >= nr) v = 0f;
                            else if (firstBlock) v = bias == null ? 0f : bias[biasOff + m0 + ir + i];
                            else v = y[cIdx + i * ldy + j];
                            tile[i * NR + j] = v;
                        }
                    }
                    VectorSgemm.kernelAdd(kc, a, aBase, bp, bBase, tile, 0, NR);
                    for (int i = 0; i < mr; i++) System.arraycopy(tile, i * NR, y, cIdx + i * ldy, nr);
                }
            }
        }
    }

    /** Packs a kc x count block (row stride ld) into slivers of NR columns, kc x NR each, zero-padded. */
    static void pack(float[] b, int off, int ld, int kc, int count, float[] bp, int bpOff) {
        int full = count / NR;
        for (int s = 0; s < full; s++) {
            int src = off + s * NR, dst = bpOff + s * kc * NR;
            for (int p = 0; p < kc; p++, src += ld, dst += NR) {
                FloatVector.fromArray(S, b, src).intoArray(bp, dst);
                FloatVector.fromArray(S, b, src + L).intoArray(bp, dst + L);
            }
        }
        int w = count - full * NR;
        if (w > 0) {
            int src = off + full * NR, dst = bpOff + full * kc * NR;
            for (int p = 0; p < kc; p++, src += ld, dst += NR) {
                int j = 0;
                for (; j < w; j++) bp[dst + j] = b[src + j];
                for (; j < NR; j++) bp[dst + j] = 0f;
            }
        }
    }

    /**
     * T[0..8, 0..L) += two A slivers (rows 0-3 at a0, 4-7 at a1) times the first L columns of a B sliver, T an
     * 8 x L row-major buffer: the same chain per output as the 4x16 kernels, eight independent accumulators.
     * No masks: plain loads and stores compile well at every tier.
     */
    static void edge8(int kc, float[] ap, int a0, int a1, float[] bp, int bi, float[] t) {
        FloatVector c0 = FloatVector.fromArray(S, t, 0), c1 = FloatVector.fromArray(S, t, L);
        FloatVector c2 = FloatVector.fromArray(S, t, 2 * L), c3 = FloatVector.fromArray(S, t, 3 * L);
        FloatVector c4 = FloatVector.fromArray(S, t, 4 * L), c5 = FloatVector.fromArray(S, t, 5 * L);
        FloatVector c6 = FloatVector.fromArray(S, t, 6 * L), c7 = FloatVector.fromArray(S, t, 7 * L);
        for (int p = 0; p < kc; p++) {
            int bq = bi + p * NR, q0 = a0 + p * MR, q1 = a1 + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bq);
            c0 = FloatVector.broadcast(S, ap[q0]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, ap[q0 + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, ap[q0 + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, ap[q0 + 3]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, ap[q1]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, ap[q1 + 1]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, ap[q1 + 2]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, ap[q1 + 3]).fma(b0, c7);
        }
        c0.intoArray(t, 0);
        c1.intoArray(t, L);
        c2.intoArray(t, 2 * L);
        c3.intoArray(t, 3 * L);
        c4.intoArray(t, 4 * L);
        c5.intoArray(t, 5 * L);
        c6.intoArray(t, 6 * L);
        c7.intoArray(t, 7 * L);
    }

    /** C[0..4, 0..2L] = bias row + Apanel * Bpanel over kc steps; C is not read. */
    static void kernelBias(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc,
                           float bias0, float bias1, float bias2, float bias3) {
        FloatVector c00 = FloatVector.broadcast(S, bias0), c01 = c00;
        FloatVector c10 = FloatVector.broadcast(S, bias1), c11 = c10;
        FloatVector c20 = FloatVector.broadcast(S, bias2), c21 = c20;
        FloatVector c30 = FloatVector.broadcast(S, bias3), c31 = c30;
        for (int p = 0; p < kc; p++) {
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
}
