package dev.onyx.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.onyx.SessionOptions;
import dev.onyx.importer.ExternalData;
import dev.onyx.importer.OnnxReader;
import dev.onyx.importer.TensorDecoder;
import dev.onyx.importer.proto.OnnxProto.TensorProto;
import dev.onyx.ir.Model;
import dev.onyx.tensor.Tensor;

import java.io.IOException;
import java.io.InputStream;

/** The small CNN shipped inside the jar (made by tools/make_bundled_model.py), with one test case. */
final class Bundled {
    static final String DIR = "/dev/onyx/cli/bundled/";
    static final String MODEL = "small_cnn.onnx";
    static final String LABEL = MODEL + " (bundled)";
    static final String INPUT = "test_data_set_0/input_0.pb";
    static final String EXPECTED = "test_data_set_0/output_0.pb";

    private Bundled() {}

    static byte[] resource(String name) {
        try (InputStream in = Bundled.class.getResourceAsStream(DIR + name)) {
            if (in == null) throw new CliException("the bundled " + name + " is missing from the jar (rebuild with ./onyx)");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new CliException("cannot read the bundled " + name + ": " + e.getMessage(), e);
        }
    }

    static Model model(SessionOptions options) {
        return new OnnxReader(options, LABEL, null).read(resource(MODEL));
    }

    static Tensor input() { return tensor(INPUT); }

    static Tensor expected() { return tensor(EXPECTED); }

    private static Tensor tensor(String name) {
        try {
            TensorProto p = TensorProto.parseFrom(resource(name));
            return new TensorDecoder(new ExternalData(null), SessionOptions.defaults().maxTensorBytes()).decode(p);
        } catch (InvalidProtocolBufferException e) {
            throw new CliException("the bundled " + name + " is corrupt: " + e.getMessage(), e);
        }
    }
}
