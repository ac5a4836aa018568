package dev.onyx.ops.norm;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Fact;
import dev.onyx.kernel.NormKernel;
import dev.onyx.ops.NodeContext;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * ONNX BatchNormalization, every opset. Inference uses the given mean and variance:
 * {@code y = scale * (x - mean) / sqrt(var + epsilon) + bias}. Training mode (opset 14+
 * {@code training_mode=1}; before 14 when statistics outputs are requested and, before 7,
 * {@code is_test=0}) normalizes with the batch statistics and outputs the running statistics
 * {@code running = input * momentum + batch * (1 - momentum)}; before 14 the outputs are
 * Y, mean, var, saved_mean, saved_var. Parameters are per channel (shape [C]) or, with opset &lt; 9
 * {@code spatial=0}, per activation (shape [C, D1, ...]).
 */
public final class BatchNormalization implements Op {
    private final double epsilon;
    private final double momentum;
    private final boolean training;
    private final boolean legacyOutputs;

    private BatchNormalization(double epsilon, double momentum, boolean training, boolean legacyOutputs) {
        this.epsilon = epsilon;
        this.momentum = momentum;
        this.training = training;
        this.legacyOutputs = legacyOutputs;
    }

    public static Op create(NodeContext ctx) {
        ctx.expectInputs(5, 5);
        int opset = ctx.opset();
        float eps = ctx.attrs().getFloat("epsilon", 1e-5f);
        if (!(eps >= 0)) throw ctx.invalid("attribute 'epsilon': expected a non-negative value, got " + eps);
        float momentum = ctx.attrs().getFloat("momentum", 0.9f);
        if (opset < 6) ctx.attrs().getInts("consumed_inputs"); // accepted, only checks its kind
        long spatial = opset < 9 ? ctx.attrs().getInt("spatial", 1) : 1;
        if (spatial != 0 && spatial != 1) throw ctx.invalid("attribute 'spatial': expected 0 or 1, got " + spatial);
        boolean training;
        int maxOutputs;
        if (opset >= 14) {
            long mode = ctx.attrs().getInt("training_mode", 0);
            if (mode != 0 && mode != 1) throw ctx.invalid("attribute 'training_mode': expected 0 or 1, got " + mode);
            training = mode == 1;
            maxOutputs = training ? 3 : 1;
            if (!training && (ctx.hasOutput(1) || ctx.hasOutput(2))) {
                throw ctx.invalid("running_mean and running_var outputs need training_mode=1");
            }
        } else {
            boolean stats = false;
            for (int i = 1; i < ctx.outputCount(); i++) stats |= ctx.hasOutput(i);
            long isTest = opset < 7 ? ctx.attrs().getInt("is_test", 0) : 0;
            if (isTest != 0 && isTest != 1) throw ctx.invalid("attribute 'is_test': expected 0 or 1, got " + isTest);
            training = stats && isTest == 0;
            maxOutputs = 5;
        }
        if (ctx.outputCount() > maxOutputs) {
            throw ctx.invalid("expected at most " + maxOutputs + " outputs, got " + ctx.outputCount());
        }
        return new BatchNormalization(eps, momentum, training, opset < 14);
    }

    @Override
    public List<Fact> infer(List<Fact> inputs) {
        Fact x = inputs.get(0);
        Values.requireFloating(x, "X");
        if (x.hasRank() && x.rank() < 2) throw new InvalidModelException("X: expected rank >= 2 (N, C, ...), got rank " + x.rank());
        List<Fact> out = new ArrayList<>();
        out.add(Values.same(x));
        if (training) {
            Fact mean = inputs.get(3);
            Fact var = inputs.get(4);
            out.add(Values.same(mean));
            out.add(Values.same(var));
            if (legacyOutputs) {
                out.add(Values.same(mean));
                out.add(Values.same(var));
            }
        }
        return out;
    }

    @Override
    public List<Tensor> run(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        Values.requireFloating(x, "X");
        int[] shape = x.shape();
        if (shape.length < 2) throw new IllegalArgumentException("X: expected rank >= 2 (N, C, ...), got rank " + shape.length);
        String[] names = {"X", "scale", "B", "input_mean", "input_var"};
        for (int i = 1; i < 5; i++) Values.requireFloating(inputs.get(i), names[i]);
        int n = shape[0];
        int c = shape[1];
        int rest = x.size() / Math.max(1, n);
        int features = inputs.get(1).size();
        if (n == 0) rest = c * dev.onyx.tensor.Shapes.product(shape, 2, shape.length);
        if (features != c && features != rest) {
            throw new IllegalArgumentException("scale: expected " + c + " values (one per channel), got " + features);
        }
        for (int i = 2; i < 5; i++) {
            if (inputs.get(i).size() != features) {
                throw new IllegalArgumentException(names[i] + ": expected " + features + " values like scale, got " + inputs.get(i).size());
            }
        }
        int inner = features == 0 ? 0 : rest / features;
        double[] scale = Values.read(inputs.get(1));
        double[] bias = Values.read(inputs.get(2));
        double[] mean = Values.read(inputs.get(3));
        double[] var = Values.read(inputs.get(4));
        double[] useMean = mean;
        double[] useVar = var;
        double[] xd = null;
        if (training) {
            xd = Values.read(x);
            useMean = new double[features];
            useVar = new double[features];
            NormKernel.channelMoments(xd, n, features, inner, useMean, useVar);
        }
        double[] a = new double[features];
        double[] b = new double[features];
        for (int f = 0; f < features; f++) {
            a[f] = scale[f] / Math.sqrt(useVar[f] + epsilon);
            b[f] = bias[f] - useMean[f] * a[f];
        }
        Tensor y;
        if (x.dtype() == DType.FLOAT) {
            float[] af = new float[features];
            float[] bf = new float[features];
            for (int f = 0; f < features; f++) {
                af[f] = (float) a[f];
                bf[f] = (float) b[f];
            }
            float[] out = dev.onyx.tensor.Buffers.floats(x.size());
            NormKernel.affineChannels((float[]) x.storage(), out, n, features, inner, af, bf);
            y = Tensor.wrap(DType.FLOAT, shape, out);
        } else {
            if (xd == null) xd = Values.read(x);
            double[] out = new double[xd.length];
            NormKernel.affineChannels(xd, out, n, features, inner, a, b);
            y = Values.write(x.dtype(), shape, out);
        }
        if (!training) return List.of(y);
        double[] runMean = new double[features];
        double[] runVar = new double[features];
        for (int f = 0; f < features; f++) {
            runMean[f] = mean[f] * momentum + useMean[f] * (1 - momentum);
            runVar[f] = var[f] * momentum + useVar[f] * (1 - momentum);
        }
        int[] pShape = inputs.get(3).shape();
        int[] vShape = inputs.get(4).shape();
        DType mt = inputs.get(3).dtype();
        DType vt = inputs.get(4).dtype();
        List<Tensor> out = new ArrayList<>();
        out.add(y);
        out.add(Values.write(mt, pShape, runMean));
        out.add(Values.write(vt, vShape, runVar));
        if (legacyOutputs) {
            out.add(Values.write(mt, pShape, useMean));
            out.add(Values.write(vt, vShape, useVar));
        }
        return out;
    }
}
