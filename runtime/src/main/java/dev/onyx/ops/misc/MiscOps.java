package dev.onyx.ops.misc;

import dev.onyx.ops.OpRegistry;

/** Registers the standalone ops: NMS, signal processing, strings, ONNX-ML encoders, random, TensorScatter, BitCast. */
public final class MiscOps {
    private MiscOps() {}

    /** The ONNX-ML domain. */
    public static final String ML = "ai.onnx.ml";

    public static void register(OpRegistry r) {
        int max = OpRegistry.MAX_OPSET;
        r.register("NonMaxSuppression", 10, max, NonMaxSuppression::create);
        r.register("HannWindow", 17, max, ctx -> WindowOp.create(ctx, WindowOp.Kind.HANN));
        r.register("HammingWindow", 17, max, ctx -> WindowOp.create(ctx, WindowOp.Kind.HAMMING));
        r.register("BlackmanWindow", 17, max, ctx -> WindowOp.create(ctx, WindowOp.Kind.BLACKMAN));
        r.register("DFT", 17, max, Dft::create);
        r.register("STFT", 17, max, Stft::create);
        r.register("MelWeightMatrix", 17, max, MelWeightMatrix::create);
        r.register("StringNormalizer", 10, max, StringNormalizer::create);
        r.register("StringConcat", 20, max, ctx -> {
            ctx.expectInputs(2, 2);
            return new StringConcat();
        });
        r.register("StringSplit", 20, max, StringSplit::create);
        r.register("RegexFullMatch", 20, max, RegexFullMatch::create);
        r.register("TfIdfVectorizer", 9, max, TfIdfVectorizer::create);
        r.register("TensorScatter", 24, max, TensorScatter::create);
        r.register("BitCast", 26, max, BitCast::create);
        r.register("RandomNormal", 1, max, ctx -> RandomOps.create(ctx, true, false));
        r.register("RandomUniform", 1, max, ctx -> RandomOps.create(ctx, false, false));
        r.register("RandomNormalLike", 1, max, ctx -> RandomOps.create(ctx, true, true));
        r.register("RandomUniformLike", 1, max, ctx -> RandomOps.create(ctx, false, true));
        r.register("Bernoulli", 15, max, Bernoulli::create);
        r.register("Multinomial", 7, max, Multinomial::create);
        r.register(ML, "LabelEncoder", 1, max, LabelEncoder::create);
        r.register(ML, "Binarizer", 1, max, ctx -> {
            ctx.expectInputs(1, 1);
            return Binarizer.create(ctx);
        });
        r.register(ML, "ArrayFeatureExtractor", 1, max, ctx -> {
            ctx.expectInputs(2, 2);
            return new ArrayFeatureExtractor();
        });
    }
}
