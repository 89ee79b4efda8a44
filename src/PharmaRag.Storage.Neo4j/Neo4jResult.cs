using System.Text.Json;

namespace PharmaRag.Storage.Neo4j;

/// <summary>The plain-JSON result of one Query API call: field names and rows of values.</summary>
public sealed record Neo4jResult(IReadOnlyList<string> Fields, IReadOnlyList<JsonElement[]> Values)
{
    public int Field(string name)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (Fields[i] == name)
            {
                return i;
            }
        }
        throw new Neo4jException("PharmaRag.MissingField", $"the result has no field '{name}'");
    }
}
