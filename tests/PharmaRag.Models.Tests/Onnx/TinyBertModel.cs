using System.Diagnostics;

namespace PharmaRag.Models.Tests.Onnx;

/// <summary>
/// Writes a tiny BERT-shaped ONNX model and its WordPiece vocabulary with python3 and the onnx
/// package (Debian's python3-onnx, which CI installs); the embeddings follow a formula the tests
/// can recompute.
/// </summary>
public static class TinyBertModel
{
    public const int Hidden = 8;

    public static readonly string[] Vocabulary =
        ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "warfarin", "bleeding", "risk", "dose", "the", "of", "increases", "##s", "inr", "hepatic"];

    public static float Weight(int token, int dimension) => ((7 * token + 3 * dimension) % 11) - 5;

    /// <summary>Writes model.onnx and vocab.txt into the directory; returns their paths.</summary>
    public static (string Model, string Vocab) Write(string directory)
    {
        var vocab = Path.Combine(directory, "vocab.txt");
        File.WriteAllLines(vocab, Vocabulary);
        var model = Path.Combine(directory, "tiny-bert.onnx");
        var script = Path.Combine(AppContext.BaseDirectory, "Onnx", "make_tiny_bert.py");
        // Debian's python3-onnx lives with the system interpreter, which a pyenv or venv python3 on PATH would not see.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        using var process = Process.Start(new ProcessStartInfo(python, [script, model, Vocabulary.Length.ToString(), Hidden.ToString()])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not write the test ONNX model (install python3-onnx): {error}");
        }
        return (model, vocab);
    }
}
