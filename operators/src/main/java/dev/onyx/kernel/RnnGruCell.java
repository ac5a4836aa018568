package dev.onyx.kernel;

/** One direction of an ONNX GRU layer over float32 data (gate order z, r, h). */
public final class RnnGruCell {
    private RnnGruCell() {}

    /**
     * Runs the layer over every step (last to first when reverse). w: [3H, input] at wOff, r: [3H, H] at rOff,
     * bias: [6H] at bOff or null. h ([batch, H]) holds the initial state and receives the final one.
     * y (may be null) receives H at {@code yOff + t*yStrideT + b*H}.
     */
    public static void run(RnnDims d, boolean reverse, float[] x, float[] w, int wOff, float[] r, int rOff,
                           float[] bias, int bOff, float[] h, RnnActivation f, RnnActivation g,
                           boolean linearBeforeReset, float[] y, int yOff, int yStrideT) {
        int hid = d.hidden(), batch = d.batch(), gw = 3 * hid;
        float[] xw = d.project(x, w, wOff, 3);
        // z and r take both biases up front; the h gate takes Wbh here and Rbh per step
        RnnDims.addBias(xw, gw, 2 * hid, bias, bOff, gw);
        if (bias != null) {
            for (int row = 0; row < xw.length; row += gw) {
                for (int k = 2 * hid; k < gw; k++) xw[row + k] += bias[bOff + k];
            }
        }
        float[] hr = new float[batch * gw];
        float[] z = new float[batch * hid];
        float[] rh = new float[batch * hid];
        int rhOff = rOff + 2 * hid * hid;
        for (int s = 0; s < d.seq(); s++) {
            int t = reverse ? d.seq() - 1 - s : s;
            int xb = t * batch * gw;
            if (hid > 0) {
                int n = linearBeforeReset ? gw : 2 * hid;
                Sgemm.sgemm(false, true, batch, n, hid, 1f, h, 0, hid, r, rOff, hid, 0f, hr, 0, gw);
            }
            for (int b = 0; b < batch; b++) {
                int gb = b * gw, sb = b * hid;
                for (int j = 0; j < hid; j++) {
                    z[sb + j] = f.apply(d.clip(xw[xb + gb + j] + hr[gb + j]));
                    float rg = f.apply(d.clip(xw[xb + gb + hid + j] + hr[gb + hid + j]));
                    // reset gate stored in rh: r itself (linear before reset) or r * H(t-1)
                    rh[sb + j] = linearBeforeReset ? rg : rg * h[sb + j];
                }
            }
            if (!linearBeforeReset && hid > 0) {
                Sgemm.sgemm(false, true, batch, hid, hid, 1f, rh, 0, hid, r, rhOff, hid, 0f, hr, 2 * hid, gw);
            }
            for (int b = 0; b < batch; b++) {
                if (!d.active(t, b)) continue;
                int gb = b * gw, sb = b * hid;
                for (int j = 0; j < hid; j++) {
                    float rbh = bias == null ? 0f : bias[bOff + 5 * hid + j];
                    float rec = hr[gb + 2 * hid + j] + rbh;
                    float pre = xw[xb + gb + 2 * hid + j] + (linearBeforeReset ? rh[sb + j] * rec : rec);
                    float ht = g.apply(d.clip(pre));
                    float zz = z[sb + j];
                    float hNew = (1f - zz) * ht + zz * h[sb + j];
                    h[sb + j] = hNew;
                    if (y != null) y[yOff + t * yStrideT + sb + j] = hNew;
                }
            }
        }
    }
}
