package dev.onyx.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.onyx.Onnx;
import dev.onyx.Session;
import dev.onyx.SessionOptions;
import dev.onyx.tensor.Tensor;

import java.nio.FloatBuffer;
import java.util.Map;

/** One runtime running one model on one fixed float input: Onyx, or ONNX Runtime as the reference. */
interface Engine extends AutoCloseable {
    /** Runs once and returns the first output's values. */
    float[] run();

    @Override
    void close();

    static Engine create(String engine, byte[] model, String inputName, Tensor input, int threads) {
        return switch (engine) {
            case "onyx" -> new OnyxEngine(model, inputName, input, threads);
            case "ort" -> new OrtEngine(model, inputName, input, threads);
            default -> throw new IllegalArgumentException("unknown engine '" + engine + "' (onyx or ort)");
        };
    }

    final class OnyxEngine implements Engine {
        private final Session session;
        private final Map<String, Tensor> inputs;
        private final String output;

        OnyxEngine(byte[] model, String inputName, Tensor input, int threads) {
            session = Onnx.load(model, SessionOptions.defaults().withThreads(threads));
            inputs = Map.of(inputName, input);
            output = session.outputs().get(0).name();
        }

        @Override
        public float[] run() {
            return (float[]) session.run(inputs).get(output).storage();
        }

        @Override
        public void close() { session.close(); }
    }

    final class OrtEngine implements Engine {
        private final OrtEnvironment env = OrtEnvironment.getEnvironment();
        private final OrtSession session;
        private final OnnxTensor tensor;
        private final String inputName;

        OrtEngine(byte[] model, String inputName, Tensor input, int threads) {
            try {
                OrtSession.SessionOptions o = new OrtSession.SessionOptions();
                o.setIntraOpNumThreads(threads);
                o.setInterOpNumThreads(1);
                o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                session = env.createSession(model, o);
                long[] shape = new long[input.rank()];
                for (int i = 0; i < shape.length; i++) shape[i] = input.shape()[i];
                tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input.floats()), shape);
                this.inputName = inputName;
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime: " + e.getMessage(), e);
            }
        }

        @Override
        public float[] run() {
            try (OrtSession.Result r = session.run(Map.of(inputName, tensor))) {
                OnnxTensor out = (OnnxTensor) r.get(0);
                FloatBuffer fb = out.getFloatBuffer();
                float[] v = new float[fb.remaining()];
                fb.get(v);
                return v;
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                tensor.close();
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
