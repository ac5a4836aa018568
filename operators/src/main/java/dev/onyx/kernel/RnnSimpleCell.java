package dev.onyx.kernel;

/** One direction of an ONNX RNN (simple recurrent) layer over float32 data. */
public final class RnnSimpleCell {
    private RnnSimpleCell() {}

    /**
     * Runs the layer over every step (last to first when reverse). w: [H, input] at wOff, r: [H, H] at rOff,
     * bias: [2H] at bOff or null. h ([batch, H]) holds the initial state and receives the final one.
     * y (may be null) receives H at {@code yOff + t*yStrideT + b*H}.
     */
    public static void run(RnnDims d, boolean reverse, float[] x, float[] w, int wOff, float[] r, int rOff,
                           float[] bias, int bOff, float[] h, RnnActivation f, float[] y, int yOff, int yStrideT) {
        int hid = d.hidden(), batch = d.batch();
        float[] xw = d.project(x, w, wOff, 1);
        RnnDims.addBias(xw, hid, hid, bias, bOff, hid);
        float[] gates = new float[batch * hid];
        for (int s = 0; s < d.seq(); s++) {
            int t = reverse ? d.seq() - 1 - s : s;
            System.arraycopy(xw, t * batch * hid, gates, 0, batch * hid);
            if (hid > 0) Sgemm.sgemm(false, true, batch, hid, hid, 1f, h, 0, hid, r, rOff, hid, 1f, gates, 0, hid);
            for (int b = 0; b < batch; b++) {
                if (!d.active(t, b)) continue;
                int sb = b * hid;
                for (int j = 0; j < hid; j++) {
                    float hNew = f.apply(d.clip(gates[sb + j]));
                    h[sb + j] = hNew;
                    if (y != null) y[yOff + t * yStrideT + sb + j] = hNew;
                }
            }
        }
    }
}
