package dev.onyx.ops.image;

import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.Gather;
import dev.onyx.kernel.ResizeKernel;
import dev.onyx.kernel.ResizeKernel.Coord;
import dev.onyx.kernel.ResizeKernel.Filter;
import dev.onyx.kernel.ResizeKernel.Rounding;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Shapes;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** ONNX Resize (opsets 10-19+) and Upsample (opsets 1-9, and the deprecated 10+): nearest, n-D linear and cubic resampling. */
public final class Resize implements Op {
    private enum Policy { STRETCH, NOT_LARGER, NOT_SMALLER }

    private final boolean nearest;
    private final Filter filter;
    private final Coord coord;
    private final Rounding rounding;
    private final double cubicA;
    private final boolean excludeOutside;
    private final double extrapolation;
    private final boolean antialias;
    private final int[] axes;
    private final Policy policy;
    private final double[] attrScales;
    private final int roiInput, scalesInput, sizesInput;

    private Resize(boolean nearest, Filter filter, Coord coord, Rounding rounding, double cubicA, boolean excludeOutside,
                   double extrapolation, boolean antialias, int[] axes, Policy policy, double[] attrScales,
                   int roiInput, int scalesInput, int sizesInput) {
        this.nearest = nearest;
        this.filter = filter;
        this.coord = coord;
        this.rounding = rounding;
        this.cubicA = cubicA;
        this.excludeOutside = excludeOutside;
        this.extrapolation = extrapolation;
        this.antialias = antialias;
        this.axes = axes;
        this.policy = policy;
        this.attrScales = attrScales;
        this.roiInput = roiInput;
        this.scalesInput = scalesInput;
        this.sizesInput = sizesInput;
    }

    /** Upsample: opset 1 (height_scale/width_scale), 7 (scales attribute), 9+ (scales input). */
    static Op createUpsample(NodeContext ctx) {
        int v = ctx.opset();
        String mode = ctx.attrs().getString("mode", "nearest");
        boolean nearest = mode.equals("nearest");
        if (!nearest && !mode.equals("linear") && !mode.equals("bilinear")) {
            throw ctx.invalid("attribute 'mode': expected nearest or linear, got '" + mode + "'");
        }
        double[] scales = null;
        if (v < 7) {
            ctx.expectInputs(1, 1);
            if (!ctx.attrs().has("height_scale") || !ctx.attrs().has("width_scale")) {
                throw ctx.invalid("Upsample-1 needs attributes 'height_scale' and 'width_scale'");
            }
            scales = new double[] {1, 1, ctx.attrs().getFloat("height_scale", 1), ctx.attrs().getFloat("width_scale", 1)};
        } else if (v < 9) {
            ctx.expectInputs(1, 1);
            float[] s = ctx.attrs().getFloats("scales");
            if (s == null) throw ctx.invalid("missing required attribute 'scales'");
            scales = new double[s.length];
            for (int i = 0; i < s.length; i++) scales[i] = s[i];
        } else {
            ctx.expectInputs(2, 2);
        }
        if (scales != null) for (double s : scales) if (!(s > 0)) throw ctx.invalid("attribute 'scales': values must be positive, got " + Arrays.toString(scales));
        return new Resize(nearest, Filter.LINEAR, Coord.ASYMMETRIC, Rounding.SIMPLE, -0.75, false, 0, false, null,
                Policy.STRETCH, scales, -1, scales == null ? 1 : -1, -1);
    }

    /** Resize at any opset from 10. */
    static Op createResize(NodeContext ctx) {
        int v = ctx.opset();
        var a = ctx.attrs();
        String mode = a.getString("mode", "nearest");
        boolean nearest = mode.equals("nearest");
        Filter filter = Filter.LINEAR;
        if (mode.equals("cubic") && v >= 11) filter = Filter.CUBIC;
        else if (!nearest && !mode.equals("linear")) {
            throw ctx.invalid("attribute 'mode': expected nearest, linear" + (v >= 11 ? " or cubic" : "") + ", got '" + mode + "'");
        }
        if (v < 11) {
            ctx.expectInputs(2, 2);
            return new Resize(nearest, Filter.LINEAR, Coord.ASYMMETRIC, Rounding.SIMPLE, -0.75, false, 0, false, null,
                    Policy.STRETCH, null, -1, 1, -1);
        }
        ctx.expectInputs(v < 13 ? 3 : 1, 4);
        String ct = a.getString("coordinate_transformation_mode", "half_pixel");
        Coord coord = switch (ct) {
            case "half_pixel" -> Coord.HALF_PIXEL;
            case "pytorch_half_pixel" -> Coord.PYTORCH_HALF_PIXEL;
            case "align_corners" -> Coord.ALIGN_CORNERS;
            case "asymmetric" -> Coord.ASYMMETRIC;
            case "tf_crop_and_resize" -> Coord.TF_CROP_AND_RESIZE;
            case "tf_half_pixel_for_nn" -> v < 13 ? Coord.TF_HALF_PIXEL_FOR_NN : null;
            case "half_pixel_symmetric" -> v >= 19 ? Coord.HALF_PIXEL_SYMMETRIC : null;
            default -> null;
        };
        if (coord == null) throw ctx.invalid("attribute 'coordinate_transformation_mode': unsupported value '" + ct + "' at opset " + v);
        String nm = a.getString("nearest_mode", "round_prefer_floor");
        Rounding rounding = switch (nm) {
            case "round_prefer_floor" -> Rounding.ROUND_PREFER_FLOOR;
            case "round_prefer_ceil" -> Rounding.ROUND_PREFER_CEIL;
            case "floor" -> Rounding.FLOOR;
            case "ceil" -> Rounding.CEIL;
            default -> throw ctx.invalid("attribute 'nearest_mode': expected round_prefer_floor, round_prefer_ceil, floor or ceil, got '" + nm + "'");
        };
        long eo = a.getInt("exclude_outside", 0);
        if (eo != 0 && eo != 1) throw ctx.invalid("attribute 'exclude_outside': expected 0 or 1, got " + eo);
        boolean antialias = false;
        int[] axes = null;
        Policy policy = Policy.STRETCH;
        if (v >= 18) {
            long aa = a.getInt("antialias", 0);
            if (aa != 0 && aa != 1) throw ctx.invalid("attribute 'antialias': expected 0 or 1, got " + aa);
            antialias = aa == 1;
            axes = a.getIntArray("axes");
            String p = a.getString("keep_aspect_ratio_policy", "stretch");
            try {
                policy = Policy.valueOf(p.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ctx.invalid("attribute 'keep_aspect_ratio_policy': expected stretch, not_larger or not_smaller, got '" + p + "'");
            }
        }
        return new Resize(nearest, filter, coord, rounding, a.getFloat("cubic_coeff_a", -0.75f), eo == 1,
                a.getFloat("extrapolation_value", 0f), antialias, axes, policy, null, 1, 2, 3);
    }

    /** Output shape, per-axis scales and roi (start, end per axis) for an input shape. */
    private record Plan(int[] out, double[] scales, double[] roi) {}

    private static Tensor in(List<?> l, int i) {
        return i >= 0 && i < l.size() ? (Tensor) l.get(i) : null;
    }

    private int[] axesFor(int rank) {
        if (axes == null) {
            int[] r = new int[rank];
            for (int i = 0; i < rank; i++) r[i] = i;
            return r;
        }
        int[] r = new int[axes.length];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < axes.length; i++) {
            r[i] = Shapes.axis(axes[i], rank);
            if (seen[r[i]]) throw new IllegalArgumentException("attribute 'axes' repeats axis " + axes[i]);
            seen[r[i]] = true;
        }
        return r;
    }

    private Plan plan(int[] shape, Tensor roiT, Tensor scalesT, Tensor sizesT) {
        int rank = shape.length;
        int[] ax = axesFor(rank);
        double[] scales = new double[rank];
        Arrays.fill(scales, 1);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) out[i] = shape[i];
        double[] sc = attrScales;
        if (sc == null && scalesT != null && scalesT.size() > 0) sc = ImageData.reals(scalesT, "input 'scales'");
        long[] sizes = sizesT != null && sizesT.size() > 0 ? ImageData.longs(sizesT, "input 'sizes'") : null;
        if (sc != null && sizes != null) throw new IllegalArgumentException("only one of 'scales' and 'sizes' may be given");
        if (sc == null && sizes == null) throw new IllegalArgumentException("one of 'scales' and 'sizes' must be given");
        if (sc != null) {
            if (sc.length != ax.length) {
                throw new IllegalArgumentException("'scales' has " + sc.length + " values but " + ax.length + " axes are resized (input shape "
                        + Shapes.toString(shape) + ")");
            }
            for (int i = 0; i < ax.length; i++) {
                if (!(sc[i] > 0) || Double.isInfinite(sc[i])) throw new IllegalArgumentException("'scales' must be positive, got " + Arrays.toString(sc));
                scales[ax[i]] = sc[i];
                out[ax[i]] = (long) Math.floor(sc[i] * shape[ax[i]]);
            }
        } else {
            if (sizes.length != ax.length) {
                throw new IllegalArgumentException("'sizes' has " + sizes.length + " values but " + ax.length + " axes are resized (input shape "
                        + Shapes.toString(shape) + ")");
            }
            for (int i = 0; i < ax.length; i++) {
                if (sizes[i] < 0) throw new IllegalArgumentException("'sizes' must be non-negative, got " + Arrays.toString(sizes));
                out[ax[i]] = sizes[i];
                scales[ax[i]] = (double) sizes[i] / shape[ax[i]];
            }
            if (policy != Policy.STRETCH) {
                double s = policy == Policy.NOT_LARGER ? Double.MAX_VALUE : 0;
                for (int d : ax) s = policy == Policy.NOT_LARGER ? Math.min(s, scales[d]) : Math.max(s, scales[d]);
                for (int d : ax) {
                    scales[d] = s;
                    out[d] = (long) (s * shape[d] + 0.5);
                }
            }
        }
        for (long o : out) if (o > Integer.MAX_VALUE) throw new IllegalArgumentException("output dimension " + o + " is too large");
        if (Shapes.sizeOrMinusOne(out) < 0) throw new IllegalArgumentException("output shape " + Arrays.toString(out) + " has more than 2^31 elements");
        double[] roi = new double[2 * rank];
        for (int i = 0; i < rank; i++) roi[rank + i] = 1;
        if (coord == Coord.TF_CROP_AND_RESIZE && roiT != null && roiT.size() > 0) {
            double[] r = ImageData.reals(roiT, "input 'roi'");
            if (r.length != 2 * ax.length) {
                throw new IllegalArgumentException("'roi' has " + r.length + " values, expected " + 2 * ax.length);
            }
            for (int i = 0; i < ax.length; i++) {
                roi[ax[i]] = r[i];
                roi[rank + ax[i]] = r[ax.length + i];
            }
        }
        int[] o = new int[rank];
        for (int i = 0; i < rank; i++) o[i] = (int) out[i];
        return new Plan(o, scales, roi);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        if (!x.hasRank()) return List.of(Fact.unknownShape(x.dtype()));
        int rank = x.rank();
        Fact sc = scalesInput >= 0 && scalesInput < inputs.size() ? inputs.get(scalesInput) : null;
        Fact sz = sizesInput >= 0 && sizesInput < inputs.size() ? inputs.get(sizesInput) : null;
        Tensor scT = sc == null ? null : sc.constant();
        Tensor szT = sz == null ? null : sz.constant();
        boolean scKnown = attrScales != null || sc == null || scT != null;
        boolean szKnown = sz == null || szT != null;
        List<Dim> dims = new ArrayList<>();
        if (scKnown && szKnown && x.isStatic()) {
            Plan p = plan(x.staticShape(), null, scT, szT);
            return List.of(Fact.of(x.dtype(), Fact.dimsOf(p.out)));
        }
        double[] s = attrScales;
        if (s == null && scT != null && scT.size() > 0 && axes == null) s = ImageData.reals(scT, "input 'scales'");
        for (int i = 0; i < rank; i++) {
            Dim d = x.dims().get(i);
            if (s != null && s.length == rank) {
                if (s[i] == 1) dims.add(d);
                else dims.add(d.isKnown() ? Dim.of((long) Math.floor(s[i] * d.value())) : Dim.UNKNOWN);
            } else if (szT != null && policy == Policy.STRETCH && axes == null && szT.size() == rank) {
                dims.add(Dim.of(szT.getLong(i)));
            } else {
                dims.add(Dim.UNKNOWN);
            }
        }
        return List.of(Fact.of(x.dtype(), dims));
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        int[] shape = x.shape();
        Plan p = plan(shape, in(inputs, roiInput), in(inputs, scalesInput), in(inputs, sizesInput));
        int rank = shape.length;
        if (Shapes.size(p.out) == 0) return List.of(Tensor.zeros(x.dtype(), p.out));
        if (nearest) return List.of(runNearest(x, p));
        if (x.dtype() == DType.STRING || x.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("mode linear/cubic needs a numeric input, got " + x.dtype());
        }
        double[] data = ImageData.doubles(x);
        int[] cur = shape.clone();
        for (int d = rank - 1; d >= 0; d--) {
            ResizeKernel.Taps t = ResizeKernel.taps(filter, antialias, cubicA, excludeOutside, coord, p.scales[d],
                    cur[d], p.out[d], p.roi[d], p.roi[rank + d]);
            if (isIdentity(t)) continue;
            data = ResizeKernel.apply(data, Shapes.product(cur, 0, d), Shapes.product(cur, d + 1, rank), t, extrapolation);
            cur[d] = p.out[d];
        }
        return List.of(ImageData.fromDoubles(x.dtype(), p.out, data == x.storage() ? data.clone() : data));
    }

    private static boolean isIdentity(ResizeKernel.Taps t) {
        if (t.inLen() != t.outLen() || t.outside() != null) return false;
        int n = t.taps();
        for (int x = 0; x < t.outLen(); x++) {
            for (int k = 0; k < n; k++) {
                double w = t.weight()[x * n + k];
                if (w != 0 && (w != 1 || t.index()[x * n + k] != x)) return false;
            }
        }
        return true;
    }

    private Tensor runNearest(Tensor x, Plan p) {
        int[] shape = x.shape();
        int rank = shape.length;
        Object data = x.storage();
        int[] cur = shape.clone();
        boolean[][] outside = new boolean[rank][];
        boolean any = false;
        for (int d = rank - 1; d >= 0; d--) {
            int[] idx = ResizeKernel.nearest(coord, rounding, p.scales[d], cur[d], p.out[d], p.roi[d], p.roi[rank + d]);
            boolean identity = idx.length == cur[d];
            for (int i = 0; i < idx.length; i++) {
                if (idx[i] < 0) {
                    if (outside[d] == null) outside[d] = new boolean[idx.length];
                    outside[d][i] = true;
                    any = true;
                    idx[i] = 0;
                    identity = false;
                } else if (idx[i] != i) {
                    identity = false;
                }
            }
            if (identity) continue;
            data = Gather.gather(data, Shapes.product(cur, 0, d), cur[d], Shapes.product(cur, d + 1, rank), idx);
            cur[d] = p.out[d];
        }
        if (data == x.storage()) data = dev.onyx.kernel.Copy.range(data, 0, x.size());
        if (any) {
            int[] strides = Shapes.strides(p.out);
            int n = Shapes.size(p.out);
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < rank; d++) {
                    if (outside[d] != null && outside[d][(i / strides[d]) % p.out[d]]) {
                        ImageData.set(data, x.dtype(), i, extrapolation);
                        break;
                    }
                }
            }
        }
        return Tensor.wrap(x.dtype(), p.out, data);
    }
}
