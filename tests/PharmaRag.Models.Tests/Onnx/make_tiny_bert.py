"""Writes a tiny BERT-shaped ONNX model for the ONNX embedder's tests (no weights are downloaded).

Inputs input_ids, attention_mask, token_type_ids (int64, [batch, sequence]); output
last_hidden_state (float, [batch, sequence, hidden]) = word_embeddings[input_ids] + type_embeddings[token_type_ids]
where word_embeddings[i][j] = ((7 * i + 3 * j) % 11) - 5 and type_embeddings is zero; the attention
mask is accepted but unused, as padding is the caller's concern. Usage: make_tiny_bert.py OUT VOCAB_SIZE HIDDEN
"""
import sys

import onnx
from onnx import TensorProto, helper

out, vocab, hidden = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
words = [float(((7 * i + 3 * j) % 11) - 5) for i in range(vocab) for j in range(hidden)]
types = [0.0] * (2 * hidden)
graph = helper.make_graph(
    [
        helper.make_node("Gather", ["word_embeddings", "input_ids"], ["word_vectors"], axis=0),
        helper.make_node("Gather", ["type_embeddings", "token_type_ids"], ["type_vectors"], axis=0),
        helper.make_node("Add", ["word_vectors", "type_vectors"], ["last_hidden_state"]),
    ],
    "tiny_bert",
    [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"]),
        helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "sequence"]),
        helper.make_tensor_value_info("token_type_ids", TensorProto.INT64, ["batch", "sequence"]),
    ],
    [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "sequence", hidden])],
    [
        helper.make_tensor("word_embeddings", TensorProto.FLOAT, [vocab, hidden], words),
        helper.make_tensor("type_embeddings", TensorProto.FLOAT, [2, hidden], types),
    ],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="pharmarag-tests")
model.ir_version = 7
onnx.checker.check_model(model)
onnx.save(model, out)
