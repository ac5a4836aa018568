package dev.onyx.ops.shape;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Attribute;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.onyx.ops.shape.OpHarness.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-computed cases for the shape ops, focused on old opsets, attributes and dtypes the backend cases miss. */
class ShapeOpsTest {
    static final Tensor X234 = Tensor.of(range(24), 2, 3, 4);
    static final List<Dim> SYM = List.of(Dim.symbol("batch"), Dim.of(3), Dim.of(4));

    @Test
    void reshapeOpset1UsesTheShapeAttribute() {
        Op op = op("Reshape", 1, 1, 1, ints("shape", 0, -1));
        assertThat(run1(op, X234).shape()).containsExactly(2, 12);
        assertThat(infer1(op, Fact.of(DType.FLOAT, SYM)).dims()).containsExactly(Dim.symbol("batch"), Dim.of(12));
    }

    @Test
    void reshapeAllowZeroKeepsZeroDims() {
        Tensor empty = Tensor.zeros(DType.FLOAT, 0, 3);
        Op az = op("Reshape", 14, 2, 1, Attribute.ofInt("allowzero", 1));
        assertThat(run1(az, empty, longs(3, 0)).shape()).containsExactly(3, 0);
        Op copy = op("Reshape", 14, 2, 1);
        assertThatThrownBy(() -> run1(copy, X234, longs(5, -1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot reshape");
        assertThat(run1(copy, X234, longs(-1)).shape()).containsExactly(24);
    }

    @Test
    void reshapeInfersFromConstantShapeAndFoldsConstants() {
        Op op = op("Reshape", 13, 2, 1);
        Fact f = infer1(op, Fact.of(DType.FLOAT, 2, 3, 4), Fact.constant(longs(4, -1)));
        assertThat(f.staticShape()).containsExactly(4, 6);
        Fact c = infer1(op, Fact.constant(X234), Fact.constant(longs(24)));
        assertThat(c.constant().shape()).containsExactly(24);
        Fact unknown = infer1(op, Fact.of(DType.FLOAT, 2, 3, 4), Fact.of(DType.INT64, 3));
        assertThat(unknown.rank()).isEqualTo(3);
    }

    @Test
    void shapeIsAConstantFactWhenTheSlicedDimsAreKnown() {
        Op all = op("Shape", 13, 1, 1);
        assertThat(infer1(all, Fact.of(DType.FLOAT, 2, 3)).constant()).isEqualTo(longs(2, 3));
        assertThat(infer1(all, Fact.of(DType.FLOAT, SYM)).constant()).isNull();
        Op tail = op("Shape", 15, 1, 1, Attribute.ofInt("start", 1));
        assertThat(infer1(tail, Fact.of(DType.FLOAT, SYM)).constant()).isEqualTo(longs(3, 4));
        Op mid = op("Shape", 15, 1, 1, Attribute.ofInt("start", -2), Attribute.ofInt("end", -1));
        assertThat(run1(mid, X234)).isEqualTo(longs(3));
        Op size = op("Size", 1, 1, 1);
        assertThat(infer1(size, Fact.of(DType.FLOAT, 2, 3)).constant()).isEqualTo(Tensor.scalar(6L));
        assertThat(run1(size, X234)).isEqualTo(Tensor.scalar(24L));
    }

    @Test
    void flattenAxes() {
        assertThat(run1(op("Flatten", 1, 1, 1, Attribute.ofInt("axis", 0)), X234).shape()).containsExactly(1, 24);
        assertThat(run1(op("Flatten", 13, 1, 1, Attribute.ofInt("axis", -1)), X234).shape()).containsExactly(6, 4);
        assertThat(infer1(op("Flatten", 13, 1, 1), Fact.of(DType.FLOAT, SYM)).dims()).containsExactly(Dim.symbol("batch"), Dim.of(12));
    }

    @Test
    void concatStringsAndDefaultAxisOfOpset1() {
        Tensor a = Tensor.of(new String[] {"a", "b"}, 2, 1);
        Tensor b = Tensor.of(new String[] {"c", "d", "e", "f"}, 2, 2);
        Tensor out = run1(op("Concat", 1, 2, 1), a, b);
        assertThat(out).isEqualTo(Tensor.of(new String[] {"a", "c", "d", "b", "e", "f"}, 2, 3));
        assertThatThrownBy(() -> op("Concat", 4, 2, 1)).isInstanceOf(InvalidModelException.class);
        Fact f = infer1(op("Concat", 13, 2, 1, Attribute.ofInt("axis", 0)), Fact.of(DType.FLOAT, SYM), Fact.of(DType.FLOAT, 2, 3, 4));
        assertThat(f.dims()).containsExactly(Dim.UNKNOWN, Dim.of(3), Dim.of(4));
    }

    @Test
    void transposeAnyDtype() {
        Tensor b = Tensor.of(new boolean[] {true, false, false, true, true, false}, 2, 3);
        assertThat(run1(op("Transpose", 1, 1, 1), b)).isEqualTo(Tensor.of(new boolean[] {true, true, false, true, false, false}, 3, 2));
        Tensor h = Tensor.ofShorts(DType.FLOAT16, new short[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
        Tensor t = run1(op("Transpose", 13, 1, 1, ints("perm", 2, 0, 1)), h);
        assertThat(t).isEqualTo(Tensor.ofShorts(DType.FLOAT16, new short[] {1, 4, 2, 5, 3, 6}, 3, 1, 2));
        Tensor f = run1(op("Transpose", 13, 1, 1, ints("perm", 1, 0)), Tensor.of(range(6), 2, 3));
        assertThat(f).isEqualTo(Tensor.of(new float[] {0, 3, 1, 4, 2, 5}, 3, 2));
        assertThatThrownBy(() -> op("Transpose", 13, 1, 1, ints("perm", 0, 0))).isInstanceOf(InvalidModelException.class);
    }

    @Test
    void squeezeAndUnsqueezeAcrossOpsets() {
        Tensor x = Tensor.of(range(3), 1, 3, 1);
        assertThat(run1(op("Squeeze", 1, 1, 1), x).shape()).containsExactly(3);
        assertThat(run1(op("Squeeze", 11, 1, 1, ints("axes", -1)), x).shape()).containsExactly(1, 3);
        assertThat(run1(op("Squeeze", 13, 2, 1), x, longs(0)).shape()).containsExactly(3, 1);
        assertThatThrownBy(() -> run1(op("Squeeze", 13, 2, 1), x, longs(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(run1(op("Unsqueeze", 1, 1, 1, ints("axes", 0, 3)), Tensor.of(range(6), 2, 3)).shape()).containsExactly(1, 2, 3, 1);
        assertThat(run1(op("Unsqueeze", 13, 2, 1), Tensor.scalar(1f), longs(-1)).shape()).containsExactly(1);
        assertThat(infer1(op("Unsqueeze", 13, 2, 1), Fact.constant(longs(5)), Fact.constant(longs(0))).constant().shape())
                .containsExactly(1, 1);
    }

    @Test
    void gatherStringsWithNegativeIndices() {
        Tensor s = Tensor.of(new String[] {"a", "b", "c", "d", "e", "f"}, 3, 2);
        Tensor out = run1(op("Gather", 13, 2, 1), s, Tensor.of(new int[] {-1, 0}, 2));
        assertThat(out).isEqualTo(Tensor.of(new String[] {"e", "f", "a", "b"}, 2, 2));
        Tensor col = run1(op("Gather", 13, 2, 1, Attribute.ofInt("axis", 1)), s, Tensor.scalar(1L));
        assertThat(col).isEqualTo(Tensor.of(new String[] {"b", "d", "f"}, 3));
        assertThatThrownBy(() -> run1(op("Gather", 13, 2, 1), s, longs(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of range");
    }

    @Test
    void gatherNdWithBatchDims() {
        Tensor data = Tensor.of(range(8), 2, 2, 2);
        Tensor idx = Tensor.of(new long[] {1, 0}, 2, 1);
        Tensor out = run1(op("GatherND", 12, 2, 1, Attribute.ofInt("batch_dims", 1)), data, idx);
        assertThat(out).isEqualTo(Tensor.of(new float[] {2, 3, 4, 5}, 2, 2));
    }

    @Test
    void sliceOpset1AttributesAndClamping() {
        Tensor x = Tensor.of(range(20), 4, 5);
        Op v1 = op("Slice", 1, 1, 1, ints("starts", 1, 0), ints("ends", 1000, 3), ints("axes", 0, 1));
        assertThat(run1(v1, x)).isEqualTo(Tensor.of(new float[] {5, 6, 7, 10, 11, 12, 15, 16, 17}, 3, 3));
        Op v13 = op("Slice", 13, 5, 1);
        Tensor rev = run1(v13, x, longs(-1), longs(Long.MIN_VALUE), longs(1), longs(-2));
        assertThat(rev).isEqualTo(Tensor.of(new float[] {4, 2, 0, 9, 7, 5, 14, 12, 10, 19, 17, 15}, 4, 3));
        Tensor empty = run1(v13, x, longs(3), longs(1), longs(0), longs(1));
        assertThat(empty.shape()).containsExactly(0, 5);
        assertThatThrownBy(() -> run1(v13, x, longs(0), longs(1), longs(0), longs(0))).isInstanceOf(IllegalArgumentException.class);
        Fact f = infer1(v13, Fact.of(DType.FLOAT, SYM), Fact.constant(longs(1)), Fact.constant(longs(Long.MAX_VALUE)),
                Fact.constant(longs(-1)), null);
        assertThat(f.dims()).containsExactly(Dim.symbol("batch"), Dim.of(3), Dim.of(3));
    }

    @Test
    void splitAcrossOpsets() {
        Tensor x = Tensor.of(range(5), 5);
        List<Tensor> a = op("Split", 2, 1, 2, ints("split", 2, 3)).run(List.of(x));
        assertThat(a.get(1)).isEqualTo(Tensor.of(new float[] {2, 3, 4}, 3));
        List<Tensor> b = op("Split", 13, 2, 2).run(List.of(x, longs(4, 1)));
        assertThat(b.get(0).shape()).containsExactly(4);
        List<Tensor> c = op("Split", 18, 1, 2, Attribute.ofInt("num_outputs", 2)).run(List.of(x));
        assertThat(c.get(0)).isEqualTo(Tensor.of(new float[] {0, 1, 2}, 3));
        assertThat(c.get(1)).isEqualTo(Tensor.of(new float[] {3, 4}, 2));
        List<Tensor> d = op("Split", 1, 2, 2).run(List.of(x, longs(1, 4)));
        assertThat(d.get(1).shape()).containsExactly(4);
        assertThatThrownBy(() -> op("Split", 13, 2, 2).run(List.of(x, longs(1, 1)))).isInstanceOf(IllegalArgumentException.class);
        List<Fact> f = op("Split", 18, 1, 3, Attribute.ofInt("num_outputs", 3)).infer(List.of(Fact.of(DType.FLOAT, 7)));
        assertThat(f).extracting(g -> g.staticShape()[0]).containsExactly(3, 3, 1);
    }

    @Test
    void negativeAxesAreAcceptedBeforeOpset11() {
        // pytorch test_GLU: Split at opset 6 with axis -1 (ONNX Runtime accepts negative axes at every opset)
        List<Tensor> s = op("Split", 6, 1, 2, Attribute.ofInt("axis", -1)).run(List.of(Tensor.of(range(8), 2, 4)));
        assertThat(s.get(0)).isEqualTo(Tensor.of(new float[] {0, 1, 4, 5}, 2, 2));
        assertThat(s.get(1)).isEqualTo(Tensor.of(new float[] {2, 3, 6, 7}, 2, 2));
        assertThat(run1(op("Concat", 4, 2, 1, Attribute.ofInt("axis", -1)), Tensor.of(range(2), 2, 1), Tensor.of(range(2), 2, 1)))
                .isEqualTo(Tensor.of(new float[] {0, 0, 1, 1}, 2, 2));
        assertThat(run1(op("Flatten", 9, 1, 1, Attribute.ofInt("axis", -1)), X234).shape()).containsExactly(6, 4);
        assertThat(run1(op("Squeeze", 1, 1, 1, ints("axes", -1)), Tensor.of(range(3), 3, 1)).shape()).containsExactly(3);
        assertThat(run1(op("Unsqueeze", 1, 1, 1, ints("axes", -1)), Tensor.of(range(3), 3)).shape()).containsExactly(3, 1);
    }

    @Test
    void expandTileAndConstantOfShape() {
        Tensor b = Tensor.of(new boolean[] {true, false}, 2, 1);
        assertThat(run1(op("Expand", 8, 2, 1), b, longs(1, 2)))
                .isEqualTo(Tensor.of(new boolean[] {true, true, false, false}, 2, 2));
        assertThat(infer1(op("Expand", 13, 2, 1), Fact.of(DType.FLOAT, SYM), Fact.constant(longs(2, 1, 1, 4))).dims())
                .containsExactly(Dim.of(2), Dim.symbol("batch"), Dim.of(3), Dim.of(4));
        Tensor s = Tensor.of(new String[] {"x", "y"}, 2);
        assertThat(run1(op("Tile", 6, 2, 1), s, longs(2))).isEqualTo(Tensor.of(new String[] {"x", "y", "x", "y"}, 4));
        Tensor m = Tensor.of(range(2), 1, 2);
        assertThat(run1(op("Tile", 1, 3, 1), m, Tensor.scalar(3L), Tensor.scalar(0L)).shape()).containsExactly(3, 2);
        assertThat(run1(op("Tile", 13, 2, 1), m, longs(2, 2)))
                .isEqualTo(Tensor.of(new float[] {0, 1, 0, 1, 0, 1, 0, 1}, 2, 4));
        assertThat(run1(op("ConstantOfShape", 9, 1, 1), longs(2))).isEqualTo(Tensor.of(new float[] {0, 0}, 2));
        Op sevens = op("ConstantOfShape", 20, 1, 1, Attribute.ofTensor("value", Tensor.of(new long[] {7}, 1)));
        assertThat(run1(sevens, longs())).isEqualTo(Tensor.wrap(DType.INT64, new int[0], new long[] {7}));
        assertThat(infer1(sevens, Fact.constant(longs(2, 3))).staticShape()).containsExactly(2, 3);
    }

    @Test
    void rangeIntegersAndDoubles() {
        Op r = op("Range", 11, 3, 1);
        assertThat(run1(r, Tensor.scalar(10L), Tensor.scalar(4L), Tensor.scalar(-3L))).isEqualTo(longs(10, 7));
        Tensor d = run1(r, Tensor.wrap(DType.DOUBLE, new int[0], new double[] {0}),
                Tensor.wrap(DType.DOUBLE, new int[0], new double[] {1}), Tensor.wrap(DType.DOUBLE, new int[0], new double[] {0.25}));
        assertThat(d).isEqualTo(Tensor.of(new double[] {0, 0.25, 0.5, 0.75}, 4));
        assertThat(infer1(r, Fact.constant(Tensor.scalar(0L)), Fact.constant(Tensor.scalar(5L)), Fact.constant(Tensor.scalar(2L))).staticShape())
                .containsExactly(3);
    }

    @Test
    void padAttributesBeforeOpset11() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        Op v1 = op("Pad", 1, 1, 1, ints("paddings", 0, 1, 0, 2), Attribute.ofFloat("value", 9));
        assertThat(run1(v1, x)).isEqualTo(Tensor.of(new float[] {9, 1, 2, 3, 9, 9}, 1, 6));
        Op v2 = op("Pad", 2, 1, 1, ints("pads", 0, 2, 0, 2), Attribute.ofString("mode", "reflect"));
        assertThat(run1(v2, x)).isEqualTo(Tensor.of(new float[] {3, 2, 1, 2, 3, 2, 1}, 1, 7));
        Op edge = op("Pad", 2, 1, 1, ints("pads", 0, 1, 0, -1), Attribute.ofString("mode", "edge"));
        assertThat(run1(edge, x)).isEqualTo(Tensor.of(new float[] {1, 1, 2}, 1, 3));
    }

    @Test
    void padInputsAxesWrapAndDtypes() {
        Tensor x = Tensor.of(new long[] {1, 2, 3}, 3);
        Op v18 = op("Pad", 18, 4, 1);
        assertThat(run1(v18, x, longs(1, 2), Tensor.of(new long[] {-5}, 1), longs(-1))).isEqualTo(longs(-5, 1, 2, 3, -5, -5));
        Op wrap = op("Pad", 19, 2, 1, Attribute.ofString("mode", "wrap"));
        assertThat(run1(wrap, x, longs(4, 1))).isEqualTo(longs(3, 1, 2, 3, 1, 2, 3, 1));
        assertThatThrownBy(() -> op("Pad", 18, 2, 1, Attribute.ofString("mode", "wrap"))).isInstanceOf(InvalidModelException.class);
        Tensor s = Tensor.of(new String[] {"a"}, 1);
        assertThat(run1(op("Pad", 13, 3, 1), s, longs(1, 1), Tensor.of(new String[] {"-"}))).isEqualTo(Tensor.of(new String[] {"-", "a", "-"}, 3));
        assertThat(infer1(op("Pad", 13, 2, 1), Fact.of(DType.INT64, 3), Fact.constant(longs(1, 2))).staticShape()).containsExactly(6);
    }

    @Test
    void dropoutInferenceMasks() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 4);
        List<Tensor> v7 = op("Dropout", 7, 1, 2).run(List.of(x));
        assertThat(v7.get(0)).isSameAs(x);
        assertThat(v7.get(1)).isEqualTo(Tensor.of(new float[] {1, 1, 1, 1}, 4));
        List<Tensor> v12 = op("Dropout", 12, 1, 2).run(List.of(x));
        assertThat(v12.get(1)).isEqualTo(Tensor.of(new boolean[] {true, true, true, true}, 4));
        List<Tensor> notTraining = op("Dropout", 13, 3, 2).run(java.util.Arrays.asList(x, Tensor.scalar(0.5f),
                Tensor.of(new boolean[] {false})));
        assertThat(notTraining.get(0)).isEqualTo(x);
    }

    @Test
    void dropoutTrainingDropsAndScales() {
        int n = 10000;
        float[] ones = new float[n];
        java.util.Arrays.fill(ones, 1f);
        Tensor x = Tensor.of(ones, n);
        Op seeded = op("Dropout", 13, 3, 2, Attribute.ofInt("seed", 42));
        List<Tensor> a = seeded.run(List.of(x, Tensor.scalar(0.25f), Tensor.of(new boolean[] {true})));
        List<Tensor> b = seeded.run(List.of(x, Tensor.scalar(0.25f), Tensor.of(new boolean[] {true})));
        assertThat(a.get(0)).isEqualTo(b.get(0));
        float[] y = a.get(0).floats();
        boolean[] mask = a.get(1).booleans();
        int kept = 0;
        for (int i = 0; i < n; i++) {
            assertThat(y[i]).isEqualTo(mask[i] ? 1f / 0.75f : 0f);
            if (mask[i]) kept++;
        }
        assertThat(kept).isBetween(7200, 7800);
    }

    @Test
    void depthToSpaceModesAndSpaceToDepthInverse() {
        Tensor x = Tensor.of(range(8), 1, 8, 1, 1);
        // DCR: output channel c, pixel (i, j) reads input channel (i*2 + j) * C' + c
        Tensor dcr = run1(op("DepthToSpace", 11, 1, 1, Attribute.ofInt("blocksize", 2)), x);
        assertThat(dcr).isEqualTo(Tensor.of(new float[] {0, 2, 4, 6, 1, 3, 5, 7}, 1, 2, 2, 2));
        // CRD: reads input channel c * 4 + i*2 + j
        Tensor crd = run1(op("DepthToSpace", 11, 1, 1, Attribute.ofInt("blocksize", 2), Attribute.ofString("mode", "CRD")), x);
        assertThat(crd).isEqualTo(Tensor.of(range(8), 1, 2, 2, 2));
        Tensor back = run1(op("SpaceToDepth", 13, 1, 1, Attribute.ofInt("blocksize", 2)), dcr);
        assertThat(back).isEqualTo(x);
    }

    @Test
    void triluOnBooleans() {
        boolean[] t = new boolean[9];
        java.util.Arrays.fill(t, true);
        Tensor x = Tensor.of(t, 3, 3);
        Tensor lower = run1(op("Trilu", 14, 2, 1, Attribute.ofInt("upper", 0)), x, Tensor.scalar(-1L));
        assertThat(lower).isEqualTo(Tensor.of(new boolean[] {false, false, false, true, false, false, true, true, false}, 3, 3));
    }

    @Test
    void topKOpset1AndSmallest() {
        Tensor x = Tensor.of(new float[] {3, 1, 4, 1, 5}, 5);
        List<Tensor> v1 = op("TopK", 1, 1, 2, Attribute.ofInt("k", 2)).run(List.of(x));
        assertThat(v1.get(0)).isEqualTo(Tensor.of(new float[] {5, 4}, 2));
        assertThat(v1.get(1)).isEqualTo(longs(4, 2));
        List<Tensor> small = op("TopK", 11, 2, 2, Attribute.ofInt("largest", 0)).run(List.of(x, longs(3)));
        assertThat(small.get(0)).isEqualTo(Tensor.of(new float[] {1, 1, 3}, 3));
        assertThat(small.get(1)).isEqualTo(longs(1, 3, 0));
    }

    @Test
    void scatterReductionsAndCumSum() {
        Tensor data = Tensor.of(new long[] {1, 2, 3}, 3);
        Op add = op("ScatterElements", 16, 3, 1, Attribute.ofString("reduction", "add"));
        assertThat(run1(add, data, longs(0, 0, -1), longs(10, 20, 30))).isEqualTo(longs(31, 2, 33));
        assertThatThrownBy(() -> op("ScatterElements", 16, 3, 1, Attribute.ofString("reduction", "max")))
                .isInstanceOf(InvalidModelException.class);
        Op nd = op("ScatterND", 18, 3, 1, Attribute.ofString("reduction", "min"));
        assertThat(run1(nd, data, Tensor.of(new long[] {2}, 1, 1), longs(-4))).isEqualTo(longs(1, 2, -4));
        Op cum = op("CumSum", 14, 2, 1, Attribute.ofInt("exclusive", 1), Attribute.ofInt("reverse", 1));
        assertThat(run1(cum, data, Tensor.scalar(0L))).isEqualTo(longs(5, 3, 0));
        Tensor oh = run1(op("OneHot", 11, 3, 1), longs(0, -1), Tensor.scalar(3L), Tensor.of(new String[] {"n", "y"}, 2));
        assertThat(oh).isEqualTo(Tensor.of(new String[] {"y", "n", "n", "n", "n", "y"}, 2, 3));
        Tensor nz = run1(op("NonZero", 13, 1, 1), Tensor.of(new String[] {"", "a", "b", ""}, 2, 2));
        assertThat(nz).isEqualTo(Tensor.of(new long[] {0, 1, 1, 0}, 2, 2));
    }
}
