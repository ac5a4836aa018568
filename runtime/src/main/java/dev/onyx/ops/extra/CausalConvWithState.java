package dev.onyx.ops.extra;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * CausalConvWithState (opset 27): depthwise causal 1-D convolution over [B, C, L] with a carried
 * [B, C, K-1] state, optional bias and fused SiLU; also returns the new state (last K-1 padded steps).
 */
public final class CausalConvWithState implements Op {
    private final boolean silu;

    private CausalConvWithState(boolean silu) { this.silu = silu; }

    static Op create(NodeContext ctx) {
        ctx.expectInputs(2, 4);
        String act = ctx.attrs().getString("activation", "none");
        boolean silu = switch (act) {
            case "none" -> false;
            case "silu", "swish" -> true;
            default -> throw ctx.invalid("attribute 'activation': expected none, silu or swish, got '" + act + "'");
        };
        return new CausalConvWithState(silu);
    }

    @Override
    public List<Fact> infer(List<Fact> in) {
        Fact x = in.get(0);
        Fact w = in.get(1);
        DType t = x.dtype() != null ? x.dtype() : w.dtype();
        if (t != null && !t.isFloatingPoint()) {
            throw new dev.onyx.InvalidModelException("CausalConvWithState takes floating-point input, got " + t);
        }
        if (x.hasRank() && x.rank() != 3) {
            throw new dev.onyx.InvalidModelException("input must be rank 3 (batch, channels, length), got rank " + x.rank());
        }
        if (w.hasRank() && w.rank() != 3) {
            throw new dev.onyx.InvalidModelException("weight must be rank 3 (channels, 1, kernel), got rank " + w.rank());
        }
        Fact y = x.hasRank() ? Fact.of(t, x.dims()) : Fact.unknownShape(t);
        Fact state = Fact.unknownShape(t);
        if (x.hasRank()) {
            Dim k = w.hasRank() ? w.dims().get(2) : Dim.UNKNOWN;
            Dim km1 = k.isKnown() ? Dim.of(k.value() - 1) : Dim.UNKNOWN;
            if (!km1.isKnown() && in.size() > 3 && in.get(3) != null && in.get(3).hasRank() && in.get(3).rank() == 3) {
                km1 = in.get(3).dims().get(2);
            }
            state = Fact.of(t, List.of(x.dims().get(0), x.dims().get(1), km1));
        }
        return List.of(y, state);
    }

    @Override
    public List<Tensor> run(List<Tensor> in) {
        Tensor x = in.get(0);
        Tensor w = in.get(1);
        Tensor bias = in.size() > 2 ? in.get(2) : null;
        Tensor past = in.size() > 3 ? in.get(3) : null;
        DType t = x.dtype();
        if (!t.isFloatingPoint()) throw new IllegalArgumentException("CausalConvWithState takes floating-point input, got " + t);
        if (x.rank() != 3) {
            throw new IllegalArgumentException("input must be rank 3 (batch, channels, length), got " + Shapes.toString(x.shape()));
        }
        int b = x.dim(0), c = x.dim(1), l = x.dim(2);
        if (w.rank() != 3 || w.dim(0) != c || w.dim(1) != 1 || w.dim(2) < 1) {
            throw new IllegalArgumentException("weight must have shape [" + c + ", 1, k>=1], got " + Shapes.toString(w.shape()));
        }
        int k = w.dim(2);
        int s = k - 1;
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != c)) {
            throw new IllegalArgumentException("bias must have shape [" + c + "], got " + Shapes.toString(bias.shape()));
        }
        if (past != null && !Arrays.equals(past.shape(), new int[] {b, c, s})) {
            throw new IllegalArgumentException("past_state must have shape " + Shapes.toString(new int[] {b, c, s})
                    + ", got " + Shapes.toString(past.shape()));
        }
        int padded = s + l;
        double[] y = new double[b * c * l];
        double[] st = new double[b * c * s];
        double[] row = new double[padded];
        for (int bi = 0; bi < b; bi++) {
            for (int ci = 0; ci < c; ci++) {
                int bc = bi * c + ci;
                for (int j = 0; j < s; j++) row[j] = past == null ? 0 : past.getDouble(bc * s + j);
                for (int j = 0; j < l; j++) row[s + j] = x.getDouble(bc * l + j);
                double bv = bias == null ? 0 : bias.getDouble(ci);
                for (int j = 0; j < l; j++) {
                    double acc = bv;
                    for (int q = 0; q < k; q++) acc += row[j + q] * w.getDouble(ci * k + q);
                    if (silu) {
                        acc = round(t, acc);
                        acc = acc / (1 + Math.exp(-acc));
                    }
                    y[bc * l + j] = acc;
                }
                System.arraycopy(row, padded - s, st, bc * s, s);
            }
        }
        return List.of(Tensor.fromDoubles(t, new int[] {b, c, l}, y), Tensor.fromDoubles(t, new int[] {b, c, s}, st));
    }

    /** The value rounded to the tensor type, as the spec casts the convolution result before the activation. */
    private static double round(DType t, double v) {
        return switch (t) {
            case FLOAT -> (float) v;
            case FLOAT16 -> Float.float16ToFloat(Float.floatToFloat16((float) v));
            case BFLOAT16 -> Tensor.bfloat16ToFloat(Tensor.floatToBfloat16((float) v));
            default -> v;
        };
    }
}
