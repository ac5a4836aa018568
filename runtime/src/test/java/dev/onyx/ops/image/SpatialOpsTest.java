package dev.onyx.ops.image;

import dev.onyx.ir.Attribute;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpatialOpsTest {
    @Test
    void centerCropPadCropsAndPadsAroundCenters() {
        Op op = Fixtures.op("CenterCropPad", 18, List.of("x", "s"));
        Tensor x = Tensor.of(new long[] {1, 2, 3, 4, 5, 6}, 2, 3);
        // axis 0: pad 2 -> 4 (one row each side); axis 1: crop 3 -> 1 (middle column)
        Tensor y = op.run(List.of(x, Tensor.of(new long[] {4, 1}, 2))).get(0);
        assertThat(y.shape()).containsExactly(4, 1);
        assertThat(y.longs()).containsExactly(0, 2, 5, 0);
    }

    @Test
    void maxUnpoolScattersToIndices() {
        Op op = Fixtures.op("MaxUnpool", 11, List.of("x", "i"), Attribute.ofInts("kernel_shape", List.of(2L)), Attribute.ofInts("strides", List.of(2L)));
        Tensor y = op.run(List.of(Tensor.of(new float[] {7, 9}, 1, 1, 2), Tensor.of(new long[] {1, 2}, 1, 1, 2))).get(0);
        Fixtures.close(y, new float[] {0, 7, 9, 0}, 1, 1, 4);
    }

    @Test
    void gridSampleIdentityGridReturnsInput() {
        Op op = Fixtures.op("GridSample", 20, List.of("x", "g"), Attribute.ofInt("align_corners", 1));
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        // (x, y) normalized corners in row-major order
        Tensor g = Tensor.of(new float[] {-1, -1, 1, -1, -1, 1, 1, 1}, 1, 2, 2, 2);
        Fixtures.close(op.run(List.of(x, g)).get(0), new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        // the center samples the mean with bilinear interpolation
        Fixtures.close(op.run(List.of(x, Tensor.of(new float[] {0, 0}, 1, 1, 1, 2))).get(0), new float[] {2.5f}, 1, 1, 1, 1);
    }

    @Test
    void col2imSumsOverlappingBlocks() {
        Op op = Fixtures.op("Col2Im", 18, List.of("x", "img", "blk"));
        // image 1x3, block 1x2 -> 2 blocks; columns [k, L]
        Tensor x = Tensor.of(new float[] {1, 2, 10, 20}, 1, 2, 2);
        Tensor y = op.run(List.of(x, Tensor.of(new long[] {1, 3}, 2), Tensor.of(new long[] {1, 2}, 2))).get(0);
        Fixtures.close(y, new float[] {1, 12, 20}, 1, 1, 1, 3);
    }

    @Test
    void resizeKeepsFloat16() {
        Op op = Fixtures.op("Resize", 19, List.of("x", "", "s"), Attribute.ofString("mode", "linear"));
        short[] h = new short[] {Float.floatToFloat16(1), Float.floatToFloat16(3)};
        Tensor y = op.run(Arrays.asList(Tensor.ofShorts(DType.FLOAT16, h, 1, 2), null, Tensor.of(new float[] {1, 2}, 2))).get(0);
        assertThat(y.dtype()).isEqualTo(DType.FLOAT16);
        Fixtures.close(y, new float[] {1, 1.5f, 2.5f, 3}, 1, 4);
    }

    @Test
    void affineGridIdentityIsBaseGrid() {
        Op op = Fixtures.op("AffineGrid", 20, List.of("t", "s"), Attribute.ofInt("align_corners", 1));
        Tensor theta = Tensor.of(new float[] {1, 0, 0, 0, 1, 0}, 1, 2, 3);
        Tensor y = op.run(List.of(theta, Tensor.of(new long[] {1, 1, 2, 2}, 4))).get(0);
        Fixtures.close(y, new float[] {-1, -1, 1, -1, -1, 1, 1, 1}, 1, 2, 2, 2);
    }
}
