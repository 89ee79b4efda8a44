using Microsoft.Data.Sqlite;

namespace PharmaRag.Storage.Sqlite;

/// <summary>Short-hands for parameterised commands.</summary>
internal static class SqliteCommandExtensions
{
    public static SqliteCommand Command(
        this SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    /// <summary>Adds $p0..$pN for the values and returns "$p0, $p1, ..." for an IN list.</summary>
    public static string AddList(this SqliteCommand command, string prefix, IEnumerable<string> values)
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var name = $"${prefix}{names.Count}";
            command.Parameters.AddWithValue(name, value);
            names.Add(name);
        }
        return string.Join(", ", names);
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
