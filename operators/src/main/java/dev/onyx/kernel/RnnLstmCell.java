package dev.onyx.kernel;

/** One direction of an ONNX LSTM layer over float32 data (gate order i, o, f, c; peepholes i, o, f). */
public final class RnnLstmCell {
    private RnnLstmCell() {}

    /**
     * Runs the layer over every step (last to first when reverse). w: [4H, input] at wOff, r: [4H, H] at rOff,
     * bias: [8H] at bOff or null, peep: [3H] at pOff or null. h and c ([batch, H]) hold the initial state and
     * receive the final one. y (may be null) receives H at {@code yOff + t*yStrideT + b*H}; steps past a
     * sequence's end are left untouched (zero).
     */
    public static void run(RnnDims d, boolean reverse, float[] x, float[] w, int wOff, float[] r, int rOff,
                           float[] bias, int bOff, float[] peep, int pOff, float[] h, float[] c,
                           RnnActivation f, RnnActivation g, RnnActivation act, boolean inputForget,
                           float[] y, int yOff, int yStrideT) {
        int hid = d.hidden(), batch = d.batch(), gw = 4 * hid;
        float[] xw = d.project(x, w, wOff, 4);
        RnnDims.addBias(xw, gw, gw, bias, bOff, gw);
        float[] gates = new float[batch * gw];
        for (int s = 0; s < d.seq(); s++) {
            int t = reverse ? d.seq() - 1 - s : s;
            System.arraycopy(xw, t * batch * gw, gates, 0, batch * gw);
            if (hid > 0) Sgemm.sgemm(false, true, batch, gw, hid, 1f, h, 0, hid, r, rOff, hid, 1f, gates, 0, gw);
            for (int b = 0; b < batch; b++) {
                if (!d.active(t, b)) continue;
                int gb = b * gw, sb = b * hid;
                for (int j = 0; j < hid; j++) {
                    float cPrev = c[sb + j];
                    float gi = d.clip(gates[gb + j]);
                    float go = d.clip(gates[gb + hid + j]);
                    float gf = d.clip(gates[gb + 2 * hid + j]);
                    float gc = d.clip(gates[gb + 3 * hid + j]);
                    if (peep != null) {
                        gi += peep[pOff + j] * cPrev;
                        gf += peep[pOff + 2 * hid + j] * cPrev;
                    }
                    float i = f.apply(gi);
                    float fg = inputForget ? 1f - i : f.apply(gf);
                    float cNew = fg * cPrev + i * g.apply(gc);
                    if (peep != null) go += peep[pOff + hid + j] * cNew;
                    float hNew = f.apply(go) * act.apply(cNew);
                    c[sb + j] = cNew;
                    h[sb + j] = hNew;
                    if (y != null) y[yOff + t * yStrideT + sb + j] = hNew;
                }
            }
        }
    }
}
