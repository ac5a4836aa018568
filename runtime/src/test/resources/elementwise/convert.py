import onnx, os, glob, sys, urllib.parse
import numpy as np
from onnx import numpy_helper
OPS = set("""Add Sub Mul Div Pow Mod BitShift BitwiseAnd BitwiseOr BitwiseXor BitwiseNot Min Max Mean Sum PRelu
Abs Neg Exp Log Sqrt Reciprocal Floor Ceil Round Sign Erf Sin Cos Tan Asin Acos Atan Sinh Cosh Asinh Acosh Atanh IsNaN IsInf Not
Relu LeakyRelu Sigmoid HardSigmoid HardSwish Tanh Elu Selu Celu Softplus Softsign ThresholdedRelu Gelu Mish Clip Shrink
Equal Less LessOrEqual Greater GreaterOrEqual And Or Xor Where Cast CastLike""".split())
DT = {1:'float32',2:'uint8',3:'int8',4:'uint16',5:'int16',6:'int32',7:'int64',8:'string',9:'bool',10:'float16',11:'float64',12:'uint32',13:'uint64',16:'bfloat16'}
OUT = sys.argv[1]
def fmt_val(v, dt):
    if dt == 'string':
        if isinstance(v, bytes): v = v.decode('utf-8')
        return 's' + urllib.parse.quote(str(v), safe='')
    if dt == 'bool': return '1' if v else '0'
    if dt in ('float32','float64','float16','bfloat16'):
        f = float(v)
        if f != f: return 'nan'
        if f == float('inf'): return 'inf'
        if f == float('-inf'): return '-inf'
        return f.hex()
    return str(int(v))
def tensor_line(kind, t, elem=None):
    if elem == 16 and t.data_type == 4: t.data_type = 16
    dt = DT.get(t.data_type)
    if dt is None: raise KeyError(t.data_type)
    if dt == 'bfloat16':
        # decode manually
        if t.raw_data:
            raw = np.frombuffer(t.raw_data, dtype=np.uint16)
        else:
            raw = np.array(t.int32_data, dtype=np.uint32).astype(np.uint16)
        arr = (raw.astype(np.uint32) << 16).view(np.float32).reshape(tuple(t.dims))
    else:
        arr = numpy_helper.to_array(t)
    dims = ','.join(str(d) for d in arr.shape) if arr.ndim else '-'
    vals = ' '.join(fmt_val(v, dt) for v in arr.reshape(-1).tolist())
    return f"{kind} {dt} {dims} {vals}".rstrip()
def attr_line(a):
    t = a.type
    if t == 1: return f"attr {a.name} float {float(a.f).hex()}"
    if t == 2: return f"attr {a.name} int {a.i}"
    if t == 3: return f"attr {a.name} string s{urllib.parse.quote(a.s.decode(), safe='')}"
    if t == 6: return f"attr {a.name} floats " + ' '.join(float(x).hex() for x in a.floats)
    if t == 7: return f"attr {a.name} ints " + ' '.join(str(x) for x in a.ints)
    if t == 8: return f"attr {a.name} strings " + ' '.join('s'+urllib.parse.quote(x.decode(), safe='') for x in a.strings)
    raise KeyError('attr type %d' % t)
index = []; skipped = []
for tag, root in [("v112", "/usr/share/libonnx-testdata/data/node"), ("v123", "/work/shared/onnx-backend-tests/1.23.0/node")]:
    for d in sorted(glob.glob(root + "/test_*")):
        m = onnx.load(d + "/model.onnx")
        if len(m.graph.node) != 1 or m.graph.node[0].op_type not in OPS: continue
        n = m.graph.node[0]
        name = os.path.basename(d)
        opset = [o.version for o in m.opset_import if o.domain in ('', 'ai.onnx')][0]
        try:
            lines = [f"op {n.op_type}", f"opset {opset}"] + [attr_line(a) for a in n.attribute]
            gin = [i.name for i in m.graph.input]
            etype = {i.name: i.type.tensor_type.elem_type for i in list(m.graph.input) + list(m.graph.output)}
            for ds in sorted(glob.glob(d + "/test_data_set_*")):
                tens = {}
                for i, nm in enumerate(gin):
                    t = onnx.load_tensor(f"{ds}/input_{i}.pb"); tens[nm] = t
                lines.append("case")
                for nm in n.input:
                    lines.append("input absent" if nm == '' else tensor_line("input", tens[nm], etype.get(nm)))
                for i, o in enumerate(m.graph.output):
                    lines.append(tensor_line("output", onnx.load_tensor(f"{ds}/output_{i}.pb"), o.type.tensor_type.elem_type))
        except KeyError as e:
            skipped.append(f"{tag}/{name} unsupported {e}"); continue
        text = '\n'.join(lines) + '\n'
        path = f"{OUT}/{tag}/{name}.txt"
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if tag == 'v123' and os.path.exists(f"{OUT}/v112/{name}.txt") and open(f"{OUT}/v112/{name}.txt").read() == text:
            continue
        open(path, 'w').write(text); index.append(f"{tag}/{name}.txt")
open(f"{OUT}/index.txt", 'w').write('\n'.join(index) + '\n')
open("/tmp/ew/skipped.txt", 'w').write('\n'.join(skipped) + '\n')
print(len(index), "cases;", len(skipped), "skipped")
