using Microsoft.Extensions.Logging;

namespace PharmaRag.Server.Access;

/// <summary>Says at start-up whether callers must authenticate and why, for the server and the gateway alike.</summary>
public static partial class AccessModeLogging
{
    public static void LogAccessMode(this ILogger logger, AccessMode mode)
    {
        if (mode.Required)
        {
            LogRequired(logger, mode.Reason);
        }
        else
        {
            LogOff(logger, mode.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Authentication is required: {Reason}")]
    private static partial void LogRequired(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Authentication is off: {Reason}")]
    private static partial void LogOff(ILogger logger, string reason);
}
