#!/usr/bin/env python3
"""Exports torchvision architectures to ONNX for the Onyx model zoo (see README.md, "Model zoo").

For every architecture, writes into OUT_DIR/<name>/:
  model.onnx    exported with torch.onnx.export (eval mode, batch 1, random weights seeded per model)
  input_0.pb    a seeded random input (TensorProto named after the model's input)
  output_0.pb   torch's own output for that input (for reference)
or, when the export fails, export_failed.txt holding the reason.
Folders already holding model.onnx (or export_failed.txt) are skipped; --force redoes them.

Weights are random (weights=None, seeded): nothing is downloaded. So that the outputs are not degenerate
(torchvision's random init makes some classifiers output ~1e-14 or ~1e12, and zero-initialises ViT's head),
weights that torchvision initialises to all zeros get small random values, and the BatchNorm running
statistics are set from one train-mode pass over a seeded random batch: activations then keep about unit
scale and the logits are O(1), which makes the comparison meaningful. Needs torch and torchvision (Debian:
python3-torch, python3-torchvision), onnx and numpy.

Usage: python3 tools/model_zoo/export_models.py OUT_DIR [--opset 17] [--force] [name ...]
"""
import argparse
import os
import sys
import traceback

import numpy as np

# (torchvision builder name, input side, extra constructor arguments)
MODELS = [
    ("resnet18", 224, {}),
    ("densenet121", 224, {}),
    ("googlenet", 224, {"aux_logits": False, "init_weights": True}),
    ("inception_v3", 299, {"aux_logits": False, "init_weights": True}),
    ("efficientnet_b0", 224, {}),
    ("mobilenet_v3_small", 224, {}),
    ("shufflenet_v2_x1_0", 224, {}),
    ("mnasnet0_5", 224, {}),
    ("regnet_y_400mf", 224, {}),
    ("convnext_tiny", 224, {}),
    ("vit_b_16", 224, {}),
    ("vgg11", 224, {}),
]

SEED = 20240601


def calibrate(model, rng, side):
    """Gives zero-initialised weights random values and sets BatchNorm statistics from a random batch."""
    import torch

    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.dim() >= 2 and not p.any():
                p.normal_(0.0, 0.02)
        bns = [m for m in model.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)]
        if not bns:
            return
        for m in bns:
            m.reset_running_stats()
            m.momentum = None  # cumulative average: the statistics of exactly this batch
        model.train()
        batch = torch.from_numpy(rng.standard_normal((4, 3, side, side)).astype(np.float32))
        model(batch)
        model.eval()


def export_one(name, side, kwargs, folder, opset):
    import onnx
    import torch
    import torchvision
    from onnx import numpy_helper

    torch.manual_seed(SEED)
    builder = getattr(torchvision.models, name)
    model = builder(weights=None, **kwargs)
    rng = np.random.default_rng(SEED)
    calibrate(model, rng, side)
    model.eval()
    x = rng.standard_normal((1, 3, side, side)).astype(np.float32)
    xt = torch.from_numpy(x)
    with torch.no_grad():
        y = model(xt)
    if isinstance(y, (tuple, list)):
        y = y[0]
    tmp = os.path.join(folder, "model.onnx.tmp")
    torch.onnx.export(model, (xt,), tmp, opset_version=opset, input_names=["input"],
                      output_names=["output"], do_constant_folding=True)
    onnx.checker.check_model(tmp)
    with open(os.path.join(folder, "input_0.pb"), "wb") as f:
        f.write(numpy_helper.from_array(x, "input").SerializeToString())
    with open(os.path.join(folder, "output_0.pb"), "wb") as f:
        f.write(numpy_helper.from_array(y.detach().numpy().astype(np.float32), "output").SerializeToString())
    os.replace(tmp, os.path.join(folder, "model.onnx"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--opset", type=int, default=17)
    ap.add_argument("--force", action="store_true", help="re-export folders that already exist")
    ap.add_argument("names", nargs="*", help="only these architectures (default: all)")
    args = ap.parse_args()

    known = {m[0] for m in MODELS}
    for n in args.names:
        if n not in known:
            sys.exit("unknown architecture '%s' (known: %s)" % (n, ", ".join(sorted(known))))
    try:
        import torch
        import torchvision
        print("torch %s, torchvision %s, opset %d" % (torch.__version__, torchvision.__version__, args.opset))
    except ImportError as e:
        sys.exit("needs torch and torchvision (apt install python3-torch python3-torchvision): %s" % e)

    for name, side, kwargs in MODELS:
        if args.names and name not in args.names:
            continue
        folder = os.path.join(args.out_dir, name)
        done = os.path.exists(os.path.join(folder, "model.onnx"))
        failed = os.path.join(folder, "export_failed.txt")
        if not args.force and (done or os.path.exists(failed)):
            print("%-20s already there, skipped" % name)
            continue
        os.makedirs(folder, exist_ok=True)
        for f in ("model.onnx", "input_0.pb", "output_0.pb", "export_failed.txt"):
            if os.path.exists(os.path.join(folder, f)):
                os.remove(os.path.join(folder, f))
        try:
            export_one(name, side, kwargs, folder, args.opset)
            print("%-20s exported" % name)
        except Exception as e:  # recorded, the others still run
            reason = "%s: %s" % (type(e).__name__, str(e).strip().splitlines()[0] if str(e).strip() else "")
            with open(failed, "w") as f:
                f.write(reason + "\n\n" + traceback.format_exc())
            print("%-20s export failed: %s" % (name, reason))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
