#!/usr/bin/env python3
"""Builds the small CNN bundled in the onyx CLI jar, with seeded weights and a numpy-computed test case.

Writes into cli/src/main/resources/dev/onyx/cli/bundled/:
  small_cnn.onnx
  test_data_set_0/input_0.pb   (input [1,3,32,32] float32)
  test_data_set_0/output_0.pb  (expected probabilities [1,10], computed here with numpy)

Needs only numpy and onnx (no torch, no onnxruntime). Run: python3 tools/make_bundled_model.py
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

SEED = 20240601
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                       "cli", "src", "main", "resources", "dev", "onyx", "cli", "bundled")


def make_weights(rng):
    w = {}
    w["conv1_w"] = (rng.standard_normal((8, 3, 3, 3)) * np.sqrt(2.0 / 27)).astype(np.float32)
    w["conv1_b"] = (rng.standard_normal(8) * 0.1).astype(np.float32)
    w["bn_scale"] = (1.0 + rng.standard_normal(8) * 0.1).astype(np.float32)
    w["bn_bias"] = (rng.standard_normal(8) * 0.1).astype(np.float32)
    w["bn_mean"] = (rng.standard_normal(8) * 0.1).astype(np.float32)
    w["bn_var"] = (0.5 + rng.random(8)).astype(np.float32)
    w["conv2_w"] = (rng.standard_normal((16, 8, 3, 3)) * np.sqrt(2.0 / 72)).astype(np.float32)
    w["conv2_b"] = (rng.standard_normal(16) * 0.1).astype(np.float32)
    w["fc1_w"] = (rng.standard_normal((32, 1024)) * np.sqrt(2.0 / 1024)).astype(np.float32)  # transB=1
    w["fc1_b"] = (rng.standard_normal(32) * 0.1).astype(np.float32)
    w["fc2_w"] = (rng.standard_normal((32, 10)) * np.sqrt(2.0 / 32)).astype(np.float32)  # transB=0
    w["fc2_b"] = (rng.standard_normal(10) * 0.1).astype(np.float32)
    return w


def build_model(w):
    eps = 1e-5
    nodes = [
        helper.make_node("Conv", ["input", "conv1_w", "conv1_b"], ["c1"], name="conv1",
                         kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[1, 1]),
        helper.make_node("BatchNormalization", ["c1", "bn_scale", "bn_bias", "bn_mean", "bn_var"], ["bn1"],
                         name="bn1", epsilon=eps),
        helper.make_node("Relu", ["bn1"], ["r1"], name="relu1"),
        helper.make_node("MaxPool", ["r1"], ["p1"], name="pool1", kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Conv", ["p1", "conv2_w", "conv2_b"], ["c2"], name="conv2",
                         kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        helper.make_node("Tanh", ["c2"], ["t2"], name="tanh2"),
        helper.make_node("AveragePool", ["t2"], ["p2"], name="pool2", kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Flatten", ["p2"], ["f"], name="flatten", axis=1),
        helper.make_node("Gemm", ["f", "fc1_w", "fc1_b"], ["g1"], name="fc1", transB=1),
        helper.make_node("Relu", ["g1"], ["r3"], name="relu3"),
        helper.make_node("Dropout", ["r3"], ["d3"], name="dropout"),
        helper.make_node("Gemm", ["d3", "fc2_w", "fc2_b"], ["logits"], name="fc2"),
        helper.make_node("Softmax", ["logits"], ["probabilities"], name="softmax", axis=-1),
    ]
    inits = [numpy_helper.from_array(v, name=k) for k, v in w.items()]
    graph = helper.make_graph(
        nodes, "small_cnn",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 3, 32, 32])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [1, 10])],
        initializer=inits)
    model = helper.make_model(graph, producer_name="onyx-make_bundled_model", producer_version="1",
                              opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 7
    model.doc_string = "Small CNN bundled with the onyx CLI (seeded random weights; not trained)"
    onnx.checker.check_model(model)
    return model


def conv2d(x, wt, b, pad):
    n, c, h, wd = x.shape
    m, _, kh, kw = wt.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh, ow = h + 2 * pad - kh + 1, wd + 2 * pad - kw + 1
    out = np.zeros((n, m, oh, ow), dtype=np.float64)
    for i in range(kh):
        for j in range(kw):
            patch = xp[:, :, i:i + oh, j:j + ow]  # n,c,oh,ow
            out += np.einsum("nchw,mc->nmhw", patch, wt[:, :, i, j])
    return out + b.reshape(1, m, 1, 1)


def pool2x2(x, fn):
    n, c, h, wd = x.shape
    r = x.reshape(n, c, h // 2, 2, wd // 2, 2)
    return fn(r, axis=(3, 5))


def reference(x, w):
    eps = 1e-5
    x = x.astype(np.float64)
    g = {k: v.astype(np.float64) for k, v in w.items()}
    c1 = conv2d(x, g["conv1_w"], g["conv1_b"], 1)
    sh = (1, -1, 1, 1)
    bn = (c1 - g["bn_mean"].reshape(sh)) / np.sqrt(g["bn_var"].reshape(sh) + eps) * g["bn_scale"].reshape(sh) \
        + g["bn_bias"].reshape(sh)
    r1 = np.maximum(bn, 0)
    p1 = pool2x2(r1, np.max)
    c2 = conv2d(p1, g["conv2_w"], g["conv2_b"], 1)
    t2 = np.tanh(c2)
    p2 = pool2x2(t2, np.mean)
    f = p2.reshape(1, -1)
    g1 = f @ g["fc1_w"].T + g["fc1_b"]
    r3 = np.maximum(g1, 0)
    logits = r3 @ g["fc2_w"] + g["fc2_b"]
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return (e / e.sum(axis=-1, keepdims=True)).astype(np.float32)


def main():
    rng = np.random.default_rng(SEED)
    w = make_weights(rng)
    model = build_model(w)
    x = rng.standard_normal((1, 3, 32, 32)).astype(np.float32)
    y = reference(x, w)
    data_dir = os.path.join(OUT_DIR, "test_data_set_0")
    os.makedirs(data_dir, exist_ok=True)
    onnx.save(model, os.path.join(OUT_DIR, "small_cnn.onnx"))
    with open(os.path.join(data_dir, "input_0.pb"), "wb") as f:
        f.write(numpy_helper.from_array(x, name="input").SerializeToString())
    with open(os.path.join(data_dir, "output_0.pb"), "wb") as f:
        f.write(numpy_helper.from_array(y, name="probabilities").SerializeToString())
    print("wrote", os.path.normpath(OUT_DIR), "argmax", int(y.argmax()), "max", float(y.max()), file=sys.stderr)


if __name__ == "__main__":
    main()
