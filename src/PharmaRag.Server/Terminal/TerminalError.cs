using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using PharmaRag.Core.Configuration;
using PharmaRag.Core.Content;
using PharmaRag.Core.Ingestion;

namespace PharmaRag.Server.Terminal;

/// <summary>
/// What a person at a terminal sees when a command fails: one line naming the cause and the fix,
/// and the stack trace only with --verbose.
/// </summary>
public static partial class TerminalError
{
    public const int UsageExitCode = 2;
    public const int FailureExitCode = 1;

    public static int Report(Exception error, bool verbose)
    {
        var (line, exitCode) = Describe(error);
        Console.Error.WriteLine(line);
        if (verbose)
        {
            Console.Error.WriteLine(error.ToString());
        }
        return exitCode;
    }

    public static (string Line, int ExitCode) Describe(Exception error) => error switch
    {
        UsageException usage => (usage.Message, UsageExitCode),
        AggregateException { InnerExceptions.Count: > 0 } several when several.Flatten().InnerExceptions.All(e => e is OptionsValidationException) =>
            (InvalidSettings(several.Flatten().InnerExceptions.Cast<OptionsValidationException>()), UsageExitCode),
        AggregateException { InnerExceptions.Count: > 0 } several => Describe(several.Flatten().InnerExceptions[0]),
        OptionsValidationException invalid => (InvalidSettings([invalid]), UsageExitCode),
        InvalidOperationException when ConversionFailure().Match(error.Message) is { Success: true } m =>
            ($"Invalid setting {m.Groups["key"].Value}={m.Groups["value"].Value}: it must be a {Friendly(m.Groups["type"].Value)}. {WhereToFix(m.Groups["key"].Value)}", UsageExitCode),
        DataDirectoryInUseException inUse => (OneLine(inUse.Message), UsageExitCode),
        IOException { InnerException: AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } } bind =>
            (AddressInUse(bind.Message), UsageExitCode),
        EmbeddingModelMismatchException mismatch => (OneLine(mismatch.Message), FailureExitCode),
        EmbeddingModelUnavailableException unavailable => (OneLine(unavailable.Message), UsageExitCode),
        DocumentParseException unreadable => (OneLine(unreadable.Message), FailureExitCode),
        _ => ($"{OneLine(error.Message)} ({error.GetType().Name}; run again with --verbose for the details.)", FailureExitCode),
    };

    private static string InvalidSettings(IEnumerable<OptionsValidationException> invalid)
    {
        var problems = invalid.SelectMany(Problems).ToList();
        var first = problems[0];
        var others = problems.Count > 1 ? $" (and {string.Join(", ", problems.Skip(1).Select(p => p.Key))})" : "";
        return $"Invalid setting {first.Key}: {first.Rule}{others}. {WhereToFix(first.Key)}";
    }

    private static IEnumerable<(string Key, string Rule)> Problems(OptionsValidationException invalid)
    {
        var section = invalid.OptionsType.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
            ?? invalid.OptionsType.Name;
        return invalid.Failures.Select(failure => DataAnnotationFailure().Match(failure) is { Success: true } m
            ? (Key: $"{section}:{m.Groups["member"].Value}", Rule: Rule(m.Groups["error"].Value))
            : (Key: section, Rule: failure.TrimEnd('.')));
    }

    /// <summary>"The field X must be between 1 and 604800." becomes "must be between 1 and 604800".</summary>
    private static string Rule(string message)
    {
        var m = FieldRule().Match(message);
        return (m.Success ? m.Groups["rule"].Value : message).TrimEnd('.');
    }

    private static string WhereToFix(string key) =>
        $"Fix it where it is set: the --{key}=... argument, the {key.Replace(":", "__", StringComparison.Ordinal)} environment variable or appsettings.json.";

    private static string AddressInUse(string message)
    {
        var address = BindAddress().Match(message) is { Success: true } m ? m.Groups["address"].Value : null;
        var port = address is not null && Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri.Port : (int?)null;
        return address is null
            ? $"{OneLine(message)} Stop the process using the port, or choose another address with --urls."
            : $"Port {port} is already in use ({address}): stop the process using it, or choose another address with --urls, e.g. --urls http://127.0.0.1:{(port ?? 8000) + 1}.";
    }

    private static string Friendly(string type) =>
        type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) ? "whole number"
        : type.Contains("Double", StringComparison.Ordinal) ? "number"
        : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
        : type;

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"members: '(?<member>[^']*)' with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex(@"^The field \S+ (?<rule>.*)$", RegexOptions.Singleline)]
    private static partial Regex FieldRule();

    [GeneratedRegex(@"configuration value '(?<value>[^']*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConversionFailure();

    [GeneratedRegex(@"address (?<address>\S+?):? address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex BindAddress();
}
