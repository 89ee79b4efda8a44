using System.Text.Json;

namespace PharmaRag.Bench.Datasets;

/// <summary>
/// Question files of `bench qa`: one <c>{"id", "doc"?, "question", "answers": [...]}</c> per line.
/// A single <c>"answer"</c> string is read as one answer, so the remdesivir file works as it is.
/// <c>"document"</c> and <c>"page"</c> name where the gold is printed without scoping the
/// question (it is asked of the whole library); <c>"kind"</c> ("text" or "table") groups results.
/// </summary>
internal static class QaJsonLines
{
    public static IReadOnlyList<BenchQuestion> Load(string path)
    {
        var questions = new List<BenchQuestion>();
        foreach (var line in JsonInput.ReadLines(path))
        {
            var where = $"{path} question {questions.Count + 1}";
            var answers = JsonInput.Array(line, "answers")
                .Where(a => a.ValueKind == JsonValueKind.String)
                .Select(a => a.GetString())
                .Append(JsonInput.Text(line, "answer"))
                .OfType<string>()
                .Where(a => a.Trim().Length > 0)
                .ToArray();
            if (answers.Length == 0)
            {
                throw new BenchDataException($"{where}: no answers (expected \"answers\": [...]).");
            }
            questions.Add(new BenchQuestion(
                JsonInput.Text(line, "id") ?? (questions.Count + 1).ToString(),
                JsonInput.RequiredText(line, "question", where))
            {
                Answers = answers,
                Scope = JsonInput.Text(line, "doc"),
                GoldDocument = JsonInput.Text(line, "document"),
                GoldPage = Page(line, where),
                Kind = JsonInput.Text(line, "kind"),
            });
        }
        return questions.Count > 0 ? questions : throw new BenchDataException($"{path} holds no questions.");
    }

    private static int? Page(JsonElement line, string where) => JsonInput.Text(line, "page") switch
    {
        null => null,
        var text when int.TryParse(text, out var page) && page >= 1 => page,
        var text => throw new BenchDataException($"{where}: \"page\" must be a page number from 1, not {text}."),
    };
}
