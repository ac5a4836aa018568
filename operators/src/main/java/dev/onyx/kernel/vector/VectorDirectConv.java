package dev.onyx.kernel.vector;

import dev.onyx.kernel.DirectConv;
import jdk.incubator.vector.FloatVector;

import static dev.onyx.kernel.vector.VectorSgemm.L;
import static dev.onyx.kernel.vector.VectorSgemm.S;

/**
 * Vector API kernel of {@link DirectConv}: 4 output channels by two vectors of output columns, eight
 * accumulators started at the biases; per tap two loads of staged input and four broadcast weights.
 */
public final class VectorDirectConv implements DirectConv.Kernel {
    public VectorDirectConv() {}

    @Override
    public int width() { return 2 * L; }

    @Override
    public void block(float[] w, int wOff, int[] taps, int count, float[] s, int sOff,
                      float b0, float b1, float b2, float b3, float[] y, int yOff, int ldy) {
        FloatVector a0 = FloatVector.broadcast(S, b0), c0 = a0;
        FloatVector a1 = FloatVector.broadcast(S, b1), c1 = a1;
        FloatVector a2 = FloatVector.broadcast(S, b2), c2 = a2;
        FloatVector a3 = FloatVector.broadcast(S, b3), c3 = a3;
        for (int t = 0; t < count; t++) {
            int at = sOff + taps[t];
            FloatVector u = FloatVector.fromArray(S, s, at), v = FloatVector.fromArray(S, s, at + L);
            int wi = wOff + 4 * t;
            FloatVector k = FloatVector.broadcast(S, w[wi]);
            a0 = k.fma(u, a0);
            c0 = k.fma(v, c0);
            k = FloatVector.broadcast(S, w[wi + 1]);
            a1 = k.fma(u, a1);
            c1 = k.fma(v, c1);
            k = FloatVector.broadcast(S, w[wi + 2]);
            a2 = k.fma(u, a2);
            c2 = k.fma(v, c2);
            k = FloatVector.broadcast(S, w[wi + 3]);
            a3 = k.fma(u, a3);
            c3 = k.fma(v, c3);
        }
        a0.intoArray(y, yOff);
        c0.intoArray(y, yOff + L);
        a1.intoArray(y, yOff + ldy);
        c1.intoArray(y, yOff + ldy + L);
        a2.intoArray(y, yOff + 2 * ldy);
        c2.intoArray(y, yOff + 2 * ldy + L);
        a3.intoArray(y, yOff + 3 * ldy);
        c3.intoArray(y, yOff + 3 * ldy + L);
    }
}
