using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PharmaRag.Server.Hosting;

/// <summary>
/// The one way every entry point (serve, gateway, the command-line commands, bench) builds its
/// host: the same configuration sources in the same order (appsettings.json beside the
/// executable, environment variables, --Section:Key=value arguments), the same logging set-up,
/// and options validated before anything starts.
/// </summary>
public static class PharmaRagHost
{
    /// <summary>A host for work without HTTP (ingest, query, documents, reindex, parse, bench).</summary>
    public static HostApplicationBuilder CreateApplicationBuilder(string[] configurationArgs) =>
        Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configurationArgs,
            ContentRootPath = AppContext.BaseDirectory,
        });

    /// <summary>The PharmaRag services of a data directory on a host from <see cref="CreateApplicationBuilder"/>.</summary>
    public static HostApplicationBuilder CreateApplicationBuilder(string[] configurationArgs, string dataDirectory)
    {
        var builder = CreateApplicationBuilder(configurationArgs);
        builder.Services.AddPharmaRag(builder.Configuration, dataDirectory);
        return builder;
    }

    /// <summary>
    /// Runs the ValidateOnStart checks now, so that an invalid setting stops the entry point with
    /// an <see cref="OptionsValidationException"/> before any lock, port or file is taken, and
    /// whether or not the host is ever started.
    /// </summary>
    public static void ValidateOptions(IServiceProvider services) => HostStartup.ValidateOptions(services);
}
